-- V14 (issue 21): cancelling a job that another process runs. The station receiving the cancel
-- cannot stop a worker on another machine, so it writes the request here (who asked and why, as
-- shown to the operator); the worker running the job reads it at its next progress step or lease
-- renewal, stops, and ends the job cancelled with this reason. NULL: no cancel requested. A job
-- whose worker died after the request is ended cancelled by the next claim instead of retried.
ALTER TABLE jobs ADD COLUMN cancel_requested TEXT;
