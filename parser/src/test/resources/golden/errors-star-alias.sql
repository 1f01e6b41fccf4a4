select t.* x from t;
