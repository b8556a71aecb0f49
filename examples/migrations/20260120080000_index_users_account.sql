-- atlas:txmode none

-- Built without blocking writes, so it runs outside a transaction.
CREATE INDEX CONCURRENTLY users_account_id ON users (account_id);
