-- Keep an audit trail of e-mail changes.
CREATE TABLE email_changes (
    user_id    bigint      NOT NULL,
    old_email  text,
    new_email  text,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION log_email_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.email IS DISTINCT FROM OLD.email THEN
        INSERT INTO email_changes (user_id, old_email, new_email) VALUES (OLD.id, OLD.email, NEW.email);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_email_audit AFTER UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION log_email_change();
