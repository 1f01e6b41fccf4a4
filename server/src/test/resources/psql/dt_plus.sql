\dt+
