select *
  form events;
