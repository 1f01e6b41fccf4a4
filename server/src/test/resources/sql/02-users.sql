-- Users who may log in. Passwords never come back, not even in errors.
CREATE USER alice WITH PASSWORD 'alice-secret-1';
CREATE USER alice PASSWORD 'alice-secret-other';
ALTER USER alice WITH PASSWORD 'alice-secret-2';
ALTER USER nobody PASSWORD 'nobody-secret';
CREATE USER bob PASSWORD '';
ALTER USER alice 'keyword-missing-secret';
CREATE USER carol WITH PASSWORD 'carol-secret' VALID UNTIL 'infinity';
DROP USER sluice;
DROP USER alice;
DROP USER alice;
DROP USER IF EXISTS alice;
