-- V10 (issue 21): the job queue shared by several processes on PostgreSQL. A claimed job carries
-- its worker (lease_owner, "pid@host/random") and the end of its lease (lease_until, epoch
-- milliseconds, compared as numbers); a worker renews the lease while it works, and a job whose
-- lease ran out is claimed again by another. attempts counts claims, so a job that kills every
-- worker that takes it ends failed instead of looping. SQLite's single daemon leaves them unused.
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until INTEGER;
ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_by_lease ON jobs(state, lease_until);
