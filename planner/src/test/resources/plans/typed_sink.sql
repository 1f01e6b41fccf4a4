-- A sink with declared columns: casts to the column types, arithmetic, functions, IN lists.
create table orders (
order_id BIGINT NOT NULL,
amount NUMERIC(10, 2),
quantity INT,
customer TEXT,
placed_at TIMESTAMPTZ,
attrs JSONB
) with (
connector = 'kafka',
bootstrap_servers = 'localhost:9092',
topic = 'orders',
type = 'source'
);

create table big_orders (
order_id BIGINT,
total DOUBLE PRECISION,
customer TEXT,
quantity BIGINT,
channel TEXT
) with (connector = 'delta', path = '/lake/big_orders');

insert into big_orders
select order_id, amount * quantity, upper(coalesce(customer, 'unknown')), quantity,
       (attrs->>'channel')::text
from orders
where amount > 100 and customer is not null and customer in ('a', 'b', 'c') and customer like 'x%';
