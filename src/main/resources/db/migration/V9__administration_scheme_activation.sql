-- Administration of scheme versions: who activated a version and when (active_from is the day it applies from).
alter table scheme_version add column activated_at timestamp with time zone;
alter table scheme_version add column activated_by varchar(64);
-- At most one version starts on a given day (several may be not activated: null).
create unique index scheme_version_active_from on scheme_version (active_from);
