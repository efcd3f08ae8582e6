"""Team mode's access rules, enforced by PostgreSQL itself: roles, grants, row-level security.

`install(conn)` (run by `jeugdtool admin init` and `admin upgrade`, as the schema's owner) sets
up, and on every run sets up again from scratch, everything below; it never touches data.

- **Who is this?** The connection's own login (`session_user`) is looked up in `consultants`
  (`jt_me()`); a name typed at start-up counts for nothing.
- **Which cases?** `jt_case_ids()`: the cases of which the person is case manager or co-worker,
  every case of a team in which they are reviewer or team leader, and the cases they opened with
  break-the-glass until that access expires. Every table that holds case data has a policy
  keyed on it; a person without a row in `consultants` sees no case at all.
- **Working notes** (werkaantekeningen in the journal) are read by their author and the
  privacy officer only, written by their author only; their links and their rows in the audit
  trail are hidden alike (RESTRICTIVE policies on top of the case team's). Any journal entry,
  and what it links to, is changed or removed by its author only.
- **Who forms the case team?** Its case manager and the team leaders of its team add and
  remove co-workers (a co-worker may leave); nobody else, so access gained by break-the-glass
  cannot be made permanent. Break-the-glass grants are written only by `jt_break_glass`.
- **Clients** are the logins in the group role `client_role(database)`: they may read and write
  rows (within the policies), add rows to the audit trail and the access log and never change or
  remove them, and nothing else: no DDL, no ownership, no sequences beyond using them. The
  trails' who and when are stamped by the server (triggers), whatever the client sends.
- **Case numbers** are unique over the whole database, also over cases a person may not see:
  `jt_case_number_taken` and `jt_highest_case_number` answer "taken?" and "highest number of a
  year" and nothing else.
- **Destruction** of a closed case is the privacy officer's, who cannot read cases: the
  function `jt_destroy_case` checks the role and the status and deletes as the owner; it alone
  writes `destroyed_cases` (the tombstones, which every client reads).
- The owner (who runs `admin`) is not bound by the policies: PostgreSQL's table owners never
  are. It is for administration only, never for daily work (docs/team-mode.md).

The functions are SECURITY DEFINER (they read `consultants` and `households` past the policies
to decide, never return case content) with a fixed search_path, so a client cannot substitute
its own tables. The policies call them as subqueries (`household_id IN (SELECT jt_case_ids())`),
so PostgreSQL evaluates each once per statement, not once per row; those are PL/pgSQL, whose
plans the session keeps (a SQL function's query is planned again at every statement).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection
from sqlalchemy import MetaData
from sqlalchemy import text

from jeugdtool.store.roles import StaffRole

OVERSEEING = (StaffRole.REVIEWER.value, StaffRole.TEAM_LEADER.value)

#: Tables every client reads, and only administrators change.
REFERENCE_TABLES = (
    "consultants",
    "teams",
    "team_members",
    "staff_roles",
    "zrm_imports",
    "help_product_lists",
    "org_settings",
)
#: Tables every client reads and writes (a team's meetings; their case items are case data).
TEAM_TABLES = ("meetings", "meeting_participants")
#: Insert-only trails.
TRAILS = ("audit_entries", "access_log")
#: Case tables that are a log: a client adds rows (stamped by the server) and never changes
#: or removes one (destruction does, as the owner, in jt_destroy_case).
CASE_LOGS = ("disclosures",)
#: Case tables with rules of their own instead of "the case team reads and writes".
BREAK_GLASS = "break_glass"
CASE_TEAM = "case_coworkers"


def client_role(database: str) -> str:
    """The group role of this database's clients (roles are shared by a whole server)."""
    return f"jeugdtool_{database}_client"[:63]


def case_tables(metadata: MetaData) -> list[str]:
    """Tables that hold case data: every table with a `household_id` column, so a new case
    table gets its policy without anyone remembering to add it here."""
    return sorted(t.name for t in metadata.tables.values() if "household_id" in t.c)


#: A trail's time (in the stamp triggers below) is the server's; only the owner (maintenance,
#: imports by the administrator) may give a row its own.
_SERVER_TIME_UNLESS_OWNER = """IF NOT jt_is_owner() THEN
        NEW.at := now() AT TIME ZONE 'UTC';
    END IF;"""
#: A guard trigger lets the owner's maintenance through (it is not bound by the policies either).
_OWNER_PASSES = """IF jt_me() IS NULL AND jt_is_owner() THEN
        RETURN NEW;  -- the owner: maintenance, not bound by the policies either
    END IF;"""

_FUNCTIONS = f"""
-- The functions the policies call on every statement are PL/pgSQL, not SQL: PostgreSQL plans a
-- SQL function's query again at every call (a statement under the policies paid ~0.2 ms for
-- jt_me() and several ms for jt_case_ids(), most of it planning), where PL/pgSQL keeps the plan
-- for the session. The same queries, at the calling statement's snapshot (STABLE).
CREATE OR REPLACE FUNCTION jt_me() RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN (SELECT id FROM consultants WHERE login = session_user AND active);
END
$$;

CREATE OR REPLACE FUNCTION jt_has_role(wanted text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN EXISTS (
        SELECT 1 FROM staff_roles r JOIN consultants c ON c.id = r.person_id
        WHERE c.login = session_user AND c.active AND r.role = wanted);
END
$$;

CREATE OR REPLACE FUNCTION jt_my_teams() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY
    SELECT m.team_id FROM team_members m JOIN consultants c ON c.id = m.person_id
    WHERE c.login = session_user AND c.active;
END
$$;

CREATE OR REPLACE FUNCTION jt_overseen_teams() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY
    SELECT m.team_id FROM team_members m JOIN consultants c ON c.id = m.person_id
    WHERE c.login = session_user AND c.active AND EXISTS (
        SELECT 1 FROM staff_roles r
        WHERE r.person_id = c.id AND r.role IN ('{OVERSEEING[0]}', '{OVERSEEING[1]}'));
END
$$;

-- The cases this login may see. One query with the person and their overseen teams looked up
-- once (not jt_me()/jt_overseen_teams() again): the policies evaluate it once per statement.
CREATE OR REPLACE FUNCTION jt_case_ids() RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY
    WITH me AS MATERIALIZED (SELECT id FROM consultants WHERE login = session_user AND active),
    overseen AS MATERIALIZED (
        SELECT m.team_id FROM team_members m JOIN me ON m.person_id = me.id
        WHERE EXISTS (
            SELECT 1 FROM staff_roles r
            WHERE r.person_id = me.id AND r.role IN ('{OVERSEEING[0]}', '{OVERSEEING[1]}')))
    SELECT h.id FROM households h JOIN me ON h.case_manager_id = me.id
    UNION
    SELECT w.household_id FROM case_coworkers w JOIN me ON w.person_id = me.id
    UNION
    SELECT h.id FROM households h JOIN overseen o ON h.team_id = o.team_id
    UNION
    SELECT b.household_id FROM break_glass b JOIN me ON b.person_id = me.id
    WHERE b.expires_at > (now() AT TIME ZONE 'UTC');
END
$$;

CREATE OR REPLACE FUNCTION jt_may_create_case(team integer, manager integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT team IN (SELECT jt_my_teams()) AND (manager IS NULL OR EXISTS (
        SELECT 1 FROM team_members m JOIN consultants c ON c.id = m.person_id
        WHERE m.team_id = team AND m.person_id = manager AND c.active))
$$;

-- Who forms a case's team (adds and removes co-workers): its case manager, and a team leader
-- of its team. Not whoever can read the case: break-the-glass must stay temporary.
CREATE OR REPLACE FUNCTION jt_manages_case(wanted integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM households h
        WHERE h.id = wanted AND (h.case_manager_id = jt_me() OR (
            jt_has_role('{StaffRole.TEAM_LEADER.value}')
            AND h.team_id IN (SELECT jt_my_teams()))))
$$;

-- Case numbers are unique over all cases, also those a person may not see: these two say
-- "taken or free" and "the highest number of a year", and nothing about the cases.
CREATE OR REPLACE FUNCTION jt_case_number_taken(wanted text, except_case integer DEFAULT NULL)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM households
        WHERE case_number = wanted AND id IS DISTINCT FROM except_case)
$$;

CREATE OR REPLACE FUNCTION jt_highest_case_number(year integer) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT COALESCE(max(substr(case_number, length(year::text) + 2)::integer), 0)
    FROM households
    WHERE case_number LIKE year::text || '-%'
        AND substr(case_number, length(year::text) + 2) ~ '^[0-9]{{1,9}}$'
$$;

-- Who may move a case to another case manager or team: a team leader of its team (a handover).
CREATE OR REPLACE FUNCTION jt_households_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    {_OWNER_PASSES}
    IF NEW.case_manager_id IS DISTINCT FROM OLD.case_manager_id
            OR NEW.team_id IS DISTINCT FROM OLD.team_id THEN
        IF NOT (jt_has_role('{StaffRole.TEAM_LEADER.value}')
                AND COALESCE(OLD.team_id, NEW.team_id) IN (SELECT jt_my_teams())
                AND NEW.team_id IN (SELECT jt_my_teams())) THEN
            RAISE EXCEPTION 'only a team leader of the team hands a case over'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.case_manager_id IS NOT NULL AND NOT jt_may_create_case(NEW.team_id,
                NEW.case_manager_id) THEN
            RAISE EXCEPTION 'the new case manager is not in the team'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

-- A plan's submission for review keeps what was submitted, when, by whom and when it is due,
-- whoever decides on it; whom it asks and the submitter's note are the submitter's to change.
-- (Who may decide, withdraw or remove: the policies on plan_approvals.)
CREATE OR REPLACE FUNCTION jt_plan_approvals_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    {_OWNER_PASSES}
    IF (NEW.household_id, NEW.plan_version_id, NEW.submitted_on, NEW.submitted_by_id,
            NEW.submitted_by, NEW.due_on)
            IS DISTINCT FROM (OLD.household_id, OLD.plan_version_id, OLD.submitted_on,
            OLD.submitted_by_id, OLD.submitted_by, OLD.due_on)
        OR ((NEW.reviewer_id, NEW.reviewer, NEW.note)
            IS DISTINCT FROM (OLD.reviewer_id, OLD.reviewer, OLD.note)
            AND OLD.submitted_by_id IS DISTINCT FROM jt_me()) THEN
        RAISE EXCEPTION 'a submission for review keeps what was submitted and by whom'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- The name shown with a decision or a withdrawal is the login's person's, whatever the
    -- client sends (the policies already hold decided_by_id to the login's person); "" is the
    -- undo of a decision.
    IF NEW.decided_by IS DISTINCT FROM OLD.decided_by AND NEW.decided_by <> '' THEN
        NEW.decided_by := left(jt_my_name(), 200);
    END IF;
    RETURN NEW;
END
$$;

-- A new submission names the login's person as its submitter, whatever the client sends.
CREATE OR REPLACE FUNCTION jt_plan_approvals_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF jt_me() IS NULL AND jt_is_owner() THEN
        RETURN NEW;  -- the owner: maintenance and imports by the administrator
    END IF;
    NEW.submitted_by := left(jt_my_name(), 200);
    RETURN NEW;
END
$$;

-- The access log and the audit trail name the login's person, whatever the client sends; only
-- the owner (maintenance, imports by the administrator) may name someone else.
CREATE OR REPLACE FUNCTION jt_is_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT pg_has_role(session_user, current_user, 'MEMBER')
$$;

CREATE OR REPLACE FUNCTION jt_stamp_access() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    person consultants%ROWTYPE;
BEGIN
    SELECT * INTO person FROM consultants WHERE login = session_user;
    NEW.at := now() AT TIME ZONE 'UTC';
    NEW.login := session_user;
    NEW.case_number := (SELECT case_number FROM households WHERE id = NEW.case_id);
    IF person.id IS NOT NULL OR NOT jt_is_owner() OR COALESCE(NEW.who, '') = '' THEN
        NEW.person_id := person.id;
        NEW.who := COALESCE(person.name, session_user);
    END IF;
    RETURN NEW;
END
$$;

-- A disclosure is recorded in the name and at the time of the login that made it (not what
-- the client says).
CREATE OR REPLACE FUNCTION jt_stamp_disclosure() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    person consultants%ROWTYPE;
BEGIN
    SELECT * INTO person FROM consultants WHERE login = session_user;
    IF person.id IS NOT NULL OR NOT jt_is_owner() OR COALESCE(NEW.made_by, '') = '' THEN
        NEW.person_id := person.id;
        NEW.made_by := COALESCE(person.name, session_user);
    END IF;
    {_SERVER_TIME_UNLESS_OWNER}
    RETURN NEW;
END
$$;

-- An access request (AVG art. 15) shows the family who looked at their file. In the table
-- each login reads only its own rows; whoever may work on a case reads its whole log here.
CREATE OR REPLACE FUNCTION jt_case_access_log(wanted integer) RETURNS SETOF access_log
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT * FROM access_log
    WHERE case_id = wanted AND wanted IN (SELECT jt_case_ids())
    ORDER BY at DESC, id DESC
$$;

-- The name the trails give the login: its person's, else the login itself.
CREATE OR REPLACE FUNCTION jt_my_name() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN COALESCE(
        (SELECT c.name FROM consultants c WHERE c.login = session_user), session_user);
END
$$;

-- A client's audit row gets the server's who and when: history cannot be written in someone
-- else's name, nor back-dated.
CREATE OR REPLACE FUNCTION jt_stamp_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    person integer := (SELECT c.id FROM consultants c WHERE c.login = session_user);
BEGIN
    IF person IS NOT NULL OR NOT jt_is_owner() OR COALESCE(NEW.who, '') = '' THEN
        NEW.who := jt_my_name();
    END IF;
    {_SERVER_TIME_UNLESS_OWNER}
    RETURN NEW;
END
$$;

-- Break-the-glass: access to a case outside one's case team, on a reason, for the hours the
-- organisation set; logged. Returns the case's id, or NULL when there is no such case.
CREATE OR REPLACE FUNCTION jt_break_glass(wanted text, why text) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me integer := jt_me();
    found integer;
    hours integer;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'not a jeugdtool user' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF btrim(COALESCE(why, '')) = '' THEN
        RAISE EXCEPTION 'break-the-glass needs a reason' USING ERRCODE = 'check_violation';
    END IF;
    SELECT id INTO found FROM households WHERE case_number = wanted;
    IF found IS NULL THEN
        RETURN NULL;
    END IF;
    hours := GREATEST(1, COALESCE(
        (SELECT value FROM org_settings WHERE key = 'break_glass_hours')::integer, 24));
    INSERT INTO break_glass (household_id, person_id, granted_at, expires_at, reason)
    VALUES (found, me, now() AT TIME ZONE 'UTC',
            now() AT TIME ZONE 'UTC' + hours * interval '1 hour', btrim(why));
    INSERT INTO access_log (at, who, case_id, action, detail, reason)
    VALUES (now() AT TIME ZONE 'UTC', '', found, 'break_glass', hours || ' h', btrim(why));
    RETURN found;
END
$$;

-- Whether the caller may add, change or disable this login. The owner may any; an
-- administrator (a client) only an ordinary login: a new one, or one that may log in already
-- or is a (removed) user of this database; never a superuser, a role with powers over roles,
-- databases or replication, the owner or a member of it, nor a group role such as another
-- database's clients.
CREATE OR REPLACE FUNCTION jt_may_manage_login(wanted text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT jt_is_owner() OR (jt_has_role('{StaffRole.ADMINISTRATOR.value}') AND NOT EXISTS (
        SELECT 1 FROM pg_roles r
        WHERE r.rolname = wanted AND (
            r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication
            OR r.rolbypassrls OR pg_has_role(r.oid, current_user, 'MEMBER')
            OR r.rolname = @CLIENT@
            OR NOT (r.rolcanlogin OR pg_has_role(r.oid, @CLIENT@, 'MEMBER')))))
$$;

-- A login for a new person (administrators, or the owner): the password arrives as a SCRAM
-- verifier made on the client, never in plain text. `client` must be this database's client
-- role (it is checked, not trusted). An existing login (a colleague already on this server)
-- keeps its password when none is given.
CREATE OR REPLACE FUNCTION jt_add_login(login text, verifier text, client text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF client IS DISTINCT FROM @CLIENT@ OR NOT jt_may_manage_login(login) THEN
        RAISE EXCEPTION 'only an administrator adds users' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', login);
    ELSE
        EXECUTE format('ALTER ROLE %I LOGIN', login);
    END IF;
    IF verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
    END IF;
    EXECUTE format('GRANT %I TO %I', client, login);
END
$$;

CREATE OR REPLACE FUNCTION jt_disable_login(login text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT jt_may_manage_login(login) THEN
        RAISE EXCEPTION 'only an administrator removes users'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('ALTER ROLE %I NOLOGIN', login);
    END IF;
END
$$;
"""

#: The tombstones of destroyed cases: every client reads them, only `jt_destroy_case` writes.
TOMBSTONES = "destroyed_cases"
#: The one role that destroys cases.
_DESTROYER = StaffRole.PRIVACY_OFFICER.value


def _destruction_functions(case_tables: list[str]) -> str:
    """`jt_destroy_preview` and `jt_destroy_case`: a privacy officer cannot read cases (the
    policies), so these look and delete as the owner, after checking the role and that the
    case is closed. The case's audit rows go, its access-log rows keep who, when, what and the
    case number only; everything else follows the households row by ON DELETE CASCADE. Returns
    the rows per table, for the report."""
    tables = ", ".join("'" + t.replace("'", "''") + "'" for t in case_tables)
    return f"""
CREATE OR REPLACE FUNCTION jt_destroy_preview(wanted text)
RETURNS TABLE(status text, opened_on date, closed_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT h.status::text, h.opened_on, h.closed_on FROM households h
    WHERE h.case_number = wanted AND jt_has_role('{_DESTROYER}')
$$;

CREATE OR REPLACE FUNCTION jt_destroy_case(wanted text, why text, ground text)
RETURNS TABLE(part text, removed integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    victim households%ROWTYPE;
    t text;
    n integer;
BEGIN
    IF NOT jt_has_role('{_DESTROYER}') THEN
        RAISE EXCEPTION 'only the privacy officer destroys a case'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF length(btrim(COALESCE(why, ''))) < 10 OR btrim(COALESCE(ground, '')) = '' THEN
        RAISE EXCEPTION 'destruction needs a reason and a legal ground'
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO victim FROM households WHERE case_number = wanted FOR UPDATE;
    IF victim.id IS NULL THEN
        RAISE EXCEPTION 'no such case' USING ERRCODE = 'no_data_found';
    END IF;
    IF victim.status = 'open' THEN
        RAISE EXCEPTION 'an open case is not destroyed' USING ERRCODE = 'check_violation';
    END IF;
    FOREACH t IN ARRAY ARRAY[{tables}]::text[] LOOP
        EXECUTE format('SELECT count(*) FROM %I WHERE household_id = $1', t)
            INTO n USING victim.id;
        IF n > 0 THEN
            part := t; removed := n; RETURN NEXT;
        END IF;
    END LOOP;
    part := 'households'; removed := 1; RETURN NEXT;
    DELETE FROM audit_entries WHERE case_id = victim.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    part := 'audit_entries'; removed := n; RETURN NEXT;
    UPDATE access_log SET detail = '', reason = '', case_id = NULL,
        case_number = victim.case_number
    WHERE case_id = victim.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    part := 'access_log'; removed := n; RETURN NEXT;
    DELETE FROM households WHERE id = victim.id;
    INSERT INTO destroyed_cases (case_number, opened_on, closed_on, destroyed_at, legal_ground,
        reason, destroyed_by)
    VALUES (victim.case_number, victim.opened_on, victim.closed_on, now() AT TIME ZONE 'UTC',
        btrim(ground), btrim(why), jt_my_name());
    RETURN;
END
$$;
"""


#: Each a subquery evaluated once per statement, not once per row: a value (an InitPlan), or a
#: set that PostgreSQL hashes once and then looks each row up in. (`= ANY (ARRAY(SELECT …))`
#: would let an index find a consultant's few cases, but where no index is used it compares
#: each row with every case: a team leader's list took twice as long; docs/performance.md.)
_ME = "(SELECT jt_me())"
_CASES = "(SELECT jt_case_ids())"
_OVERSEEN = "(SELECT jt_overseen_teams())"
_ADMIN = f"(SELECT jt_has_role('{StaffRole.ADMINISTRATOR.value}'))"
_PRIVACY = f"(SELECT jt_has_role('{StaffRole.PRIVACY_OFFICER.value}'))"
_LEADER = f"(SELECT jt_has_role('{StaffRole.TEAM_LEADER.value}'))"
#: A case the person may see. Besides `jt_case_ids()`, the columns of the row itself: a new row
#: is not yet visible to the function, and INSERT … RETURNING (how SQLAlchemy learns the id)
#: must be able to read back the case one just created for oneself or one's team.
_MY_HOUSEHOLD = f"case_manager_id = {_ME} OR team_id IN {_OVERSEEN} OR id IN {_CASES}"
#: An audit row this very transaction wrote (the trigger stamps who and when): SQLAlchemy reads
#: it back (INSERT … RETURNING), also when the change ended one's own access to the case (a
#: co-worker who leaves it, a case one removes).
_WRITTEN_NOW = "(at = (now() AT TIME ZONE 'UTC') AND who = (SELECT jt_my_name()))"


def _policies(case_tables: list[str]) -> list[tuple[str, str, str]]:
    """(table, policy name, CREATE POLICY clause after ON table) for every protected table."""
    out: list[tuple[str, str, str]] = []
    for table in case_tables:
        if table in (BREAK_GLASS, CASE_TEAM):
            continue
        rule = f"household_id IN {_CASES}"
        out.append((table, "jt_case_team", f"USING ({rule}) WITH CHECK ({rule})"))
    manages = "jt_manages_case(household_id)"
    out += [
        ("households", "jt_read", f"FOR SELECT USING ({_MY_HOUSEHOLD})"),
        (
            "households",
            "jt_create",
            "FOR INSERT WITH CHECK (jt_may_create_case(team_id, case_manager_id))",
        ),
        # The new row is checked against the same rule; a change of manager or team is for a
        # team leader of the team only (the trigger jt_households_guard).
        ("households", "jt_change", f"FOR UPDATE USING ({_MY_HOUSEHOLD})"),
        ("households", "jt_remove", f"FOR DELETE USING ({_MY_HOUSEHOLD})"),
        (CASE_TEAM, "jt_read", f"FOR SELECT USING (household_id IN {_CASES})"),
        (CASE_TEAM, "jt_add", f"FOR INSERT WITH CHECK ({manages})"),
        (CASE_TEAM, "jt_change", f"FOR UPDATE USING ({manages}) WITH CHECK ({manages})"),
        (CASE_TEAM, "jt_remove", f"FOR DELETE USING ({manages} OR person_id = {_ME})"),
        (
            BREAK_GLASS,
            "jt_read",
            f"FOR SELECT USING (person_id = {_ME} OR {_PRIVACY} OR "
            f"({_LEADER} AND household_id IN {_CASES}))",
        ),
        (
            "audit_entries",
            "jt_read",
            f"FOR SELECT USING (case_id IS NULL OR case_id IN {_CASES} OR {_PRIVACY} "
            f"OR {_WRITTEN_NOW})",
        ),
        ("audit_entries", "jt_add", "FOR INSERT WITH CHECK (true)"),
        (
            "access_log",
            "jt_read",
            f"FOR SELECT USING (person_id = {_ME} OR {_PRIVACY} OR "
            f"(action = 'break_glass' AND {_LEADER} AND case_id IN {_CASES}))",
        ),
        (
            "access_log",
            "jt_add",
            f"FOR INSERT WITH CHECK (case_id IS NULL OR case_id IN {_CASES})",
        ),
    ]
    for table in REFERENCE_TABLES:
        out.append((table, "jt_read", "FOR SELECT USING (true)"))
        out.append((table, "jt_admin", f"FOR ALL USING ({_ADMIN}) WITH CHECK ({_ADMIN})"))
    # The privacy officer sets the auto-lock period too (cases/org_policy.py), nothing else.
    lock_rule = f"{_PRIVACY} AND key = 'auto_lock_minutes'"
    out.append(
        ("org_settings", "jt_privacy", f"FOR ALL USING ({lock_rule}) WITH CHECK ({lock_rule})")
    )
    out += _working_note_policies(case_tables)
    out += _plan_approval_policies(case_tables)
    for table in TEAM_TABLES:
        out.append((table, "jt_team", "USING (true) WITH CHECK (true)"))
    out.append((TOMBSTONES, "jt_read", "FOR SELECT USING (true)"))
    return out


#: The journal and its links (dossier/models.py): a working note (werkaantekening) is its
#: author's. The case team reads the rest of the journal.
JOURNAL, JOURNAL_LINKS = "journal_entries", "journal_links"
#: A journal row one may read: no working note, or one's own, or one is the privacy officer
#: (who answers for access requests, of which working notes are part).
_READS_NOTE = f"(NOT working_note OR author_id = {_ME} OR {_PRIVACY})"
#: A link, or an audit row, of an entry one may read (the subquery is itself under the policies).
_ENTRY_SEEN = f"EXISTS (SELECT 1 FROM {JOURNAL} e WHERE e.id = {{column}})"
_LINK_SEEN = f"EXISTS (SELECT 1 FROM {JOURNAL_LINKS} l WHERE l.id = entity_id)"


#: How many working notes of a case the caller may not read (0 for a case they may not work
#: on): an access request must hold them all, so whoever makes one is told, without a word of
#: the notes themselves (export/access_request.py).
UNREAD_WORKING_NOTES = "jt_unread_working_notes"


def _working_note_function(case_tables: list[str]) -> str:
    if JOURNAL not in case_tables:
        return ""
    return f"""
CREATE OR REPLACE FUNCTION {UNREAD_WORKING_NOTES}(wanted integer) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT count(*)::integer FROM {JOURNAL}
    WHERE household_id = wanted AND wanted IN (SELECT jt_case_ids()) AND working_note
        AND author_id IS DISTINCT FROM jt_me()
        AND NOT jt_has_role('{StaffRole.PRIVACY_OFFICER.value}')
$$;
"""


def _working_note_policies(case_tables: list[str]) -> list[tuple[str, str, str]]:
    """RESTRICTIVE policies, on top of "the case team": another's working note is not there —
    not read, changed, removed or written in their name — and neither are its links or its
    rows in the audit trail (which hold the note's text when it was edited). A removed entry's
    trail is then the privacy officer's only: whether it was a working note is gone with it."""
    if JOURNAL not in case_tables:
        return []
    entry_seen = _ENTRY_SEEN.format(column="entry_id")
    audit_seen = (
        f"entity NOT IN ('journal_entry', 'journal_link') OR {_PRIVACY} OR {_WRITTEN_NOW} "
        f"OR (entity = 'journal_entry' AND {_ENTRY_SEEN.format(column='entity_id')}) "
        f"OR (entity = 'journal_link' AND {_LINK_SEEN})"
    )
    mine = f"(NOT working_note OR author_id = {_ME})"
    authored = f"(author_id = {_ME})"
    own_entry = f"EXISTS (SELECT 1 FROM {JOURNAL} e WHERE e.id = entry_id AND e.author_id = {_ME})"
    return [
        (JOURNAL, "jt_working_notes_read", f"AS RESTRICTIVE FOR SELECT USING {_READS_NOTE}"),
        # Written by the author only (the privacy officer reads them, and nothing more). An
        # ordinary entry may name another author: an imported case file keeps its authors.
        (JOURNAL, "jt_working_notes_add", f"AS RESTRICTIVE FOR INSERT WITH CHECK {mine}"),
        # Every entry is changed and taken back by its author only (dossier/journal.py asks
        # the same): a colleague can neither put words in another's entry nor claim it and
        # make it a working note of their own, which would hide it from the case team.
        (
            JOURNAL,
            "jt_journal_author_change",
            f"AS RESTRICTIVE FOR UPDATE USING {authored} WITH CHECK {authored}",
        ),
        (JOURNAL, "jt_journal_author_remove", f"AS RESTRICTIVE FOR DELETE USING {authored}"),
        (
            JOURNAL_LINKS,
            "jt_working_notes",
            f"AS RESTRICTIVE FOR ALL USING ({entry_seen}) WITH CHECK ({entry_seen})",
        ),
        # What an entry is about is part of the entry: its author's to change.
        (
            JOURNAL_LINKS,
            "jt_journal_author_change",
            f"AS RESTRICTIVE FOR UPDATE USING ({own_entry}) WITH CHECK ({own_entry})",
        ),
        (
            JOURNAL_LINKS,
            "jt_journal_author_remove",
            f"AS RESTRICTIVE FOR DELETE USING ({own_entry})",
        ),
        ("audit_entries", "jt_working_notes", f"AS RESTRICTIVE FOR SELECT USING ({audit_seen})"),
    ]


#: A plan version submitted for review (toetsing) and the reviewer's comments
#: (framework/plan_approval.py asks the same through plan_approval_rules.check_may_decide).
APPROVALS, APPROVAL_COMMENTS = "plan_approvals", "plan_approval_comments"
_REVIEWER = f"(SELECT jt_has_role('{StaffRole.REVIEWER.value}'))"


def _plan_approval_policies(case_tables: list[str]) -> list[tuple[str, str, str]]:
    """RESTRICTIVE policies, on top of "the case team" (who reads them): the approval of a plan
    is a colleague's judgement, so nobody can give it in another's name or to their own plan.

    - Anyone of the case team submits, as themselves only: a new row is a pending submission
      (`submitted`, undecided) with `submitted_by_id` the login's person.
    - A reviewer who did not submit it decides: approved or returned, in their own name
      (`decided_by_id`), and writes the comments; a decision is changed (or taken back to
      pending, the undo of deciding) by whoever made it only.
    - The submitter withdraws a pending submission (and takes that back), or removes one still
      pending (the undo of submitting). Nobody else changes or removes one.
    """
    if APPROVALS not in case_tables:
        return []
    pending = "state = 'submitted' AND decided_by_id IS NULL AND decided_on IS NULL"
    submits = f"(submitted_by_id = {_ME} AND {pending})"
    not_own = f"submitted_by_id IS DISTINCT FROM {_ME}"
    # The reviewer: a pending one, or a decision of their own (to change or take back).
    reviews = f"({_REVIEWER} AND {not_own} AND (({pending}) OR decided_by_id = {_ME}))"
    decided = (
        f"({_REVIEWER} AND {not_own} AND (({pending}) OR "
        f"(state IN ('approved', 'returned') AND decided_by_id = {_ME})))"
    )
    # The submitter's own: pending, or withdrawn (which keeps the day and the name).
    withdraws = (
        f"(submitted_by_id = {_ME} AND decided_by_id IS NULL "
        f"AND (({pending}) OR state = 'withdrawn'))"
    )
    comments_rule = (
        f"({_REVIEWER} AND EXISTS (SELECT 1 FROM {APPROVALS} a WHERE a.id = approval_id "
        f"AND a.submitted_by_id IS DISTINCT FROM {_ME} AND ((a.state = 'submitted' AND "
        f"a.decided_by_id IS NULL) OR (a.state IN ('approved', 'returned') "
        f"AND a.decided_by_id = {_ME}))))"
    )
    return [
        (APPROVALS, "jt_approval_submit", f"AS RESTRICTIVE FOR INSERT WITH CHECK {submits}"),
        (
            APPROVALS,
            "jt_approval_decide",
            f"AS RESTRICTIVE FOR UPDATE USING ({reviews} OR {withdraws}) "
            f"WITH CHECK ({decided} OR {withdraws})",
        ),
        (APPROVALS, "jt_approval_remove", f"AS RESTRICTIVE FOR DELETE USING {submits}"),
        (
            APPROVAL_COMMENTS,
            "jt_approval_comment",
            f"AS RESTRICTIVE FOR INSERT WITH CHECK {comments_rule}",
        ),
        (
            APPROVAL_COMMENTS,
            "jt_approval_comment_change",
            f"AS RESTRICTIVE FOR UPDATE USING {comments_rule} WITH CHECK {comments_rule}",
        ),
        (
            APPROVAL_COMMENTS,
            "jt_approval_comment_remove",
            f"AS RESTRICTIVE FOR DELETE USING {comments_rule}",
        ),
    ]


#: "Did help start again after our closing?" — the indicators ask it of new starts in other
#: teams' cases as often as not. This function answers with the day only: a policy on new_starts
#: would hand the earlier case's team the whole row (the new case's id, the child, who confirmed
#: it), while that case itself is none of their business.
NEW_STARTS_AFTER_MINE = "jt_new_starts_after_mine"


def _new_start_function(case_tables: list[str]) -> str:
    """`jt_new_starts_after_mine()`: (closing id, day) of every new start after a closing of a
    case this login may read, in whatever case; nothing else of that new start."""
    if "new_starts" not in case_tables:
        return ""
    return f"""
CREATE OR REPLACE FUNCTION {NEW_STARTS_AFTER_MINE}()
RETURNS TABLE(closing_id integer, started_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT n.previous_closing_id, n.started_on FROM new_starts n
    JOIN case_closings c ON c.id = n.previous_closing_id
    WHERE c.household_id IN (SELECT jt_case_ids())
$$;
"""


def install(conn: Connection, metadata: MetaData) -> None:
    """Set up (again) the client role, grants, functions, triggers and policies. Run by the
    schema's owner after the schema is current; idempotent."""
    database = conn.execute(text("SELECT current_database()")).scalar_one()
    client = client_role(database)
    q = conn.dialect.identifier_preparer.quote
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": client}).scalar()
    if not exists:
        conn.exec_driver_sql(f"CREATE ROLE {q(client)} NOLOGIN")
    literal = "'" + client.replace("'", "''") + "'"
    conn.exec_driver_sql(_FUNCTIONS.replace("@CLIENT@", literal).replace("%", "%%"))
    cases = case_tables(metadata)
    conn.exec_driver_sql(_destruction_functions(cases).replace("%", "%%"))
    if "new_starts" in cases:
        conn.exec_driver_sql(_new_start_function(cases))
    if JOURNAL in cases:
        conn.exec_driver_sql(_working_note_function(cases))
    protected = {*cases, "households", BREAK_GLASS, *TRAILS, *REFERENCE_TABLES, *TEAM_TABLES}
    protected.add(TOMBSTONES)
    unknown = set(metadata.tables) - protected
    # A new table must be placed on purpose: case data, reference data or a trail.
    assert not unknown, f"tables without an access rule: {sorted(unknown)}"
    for table in sorted(protected):
        conn.exec_driver_sql(f"ALTER TABLE {q(table)} ENABLE ROW LEVEL SECURITY")
        existing = conn.execute(
            text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table}
        ).scalars()
        for name in list(existing):
            conn.exec_driver_sql(f"DROP POLICY {q(name)} ON {q(table)}")
    for table, name, clause in _policies(cases):
        conn.exec_driver_sql(f"CREATE POLICY {q(name)} ON {q(table)} {clause}")
    _triggers(conn)
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {RULES_FUNCTION}() RETURNS text LANGUAGE sql IMMUTABLE "
        f"AS $$ SELECT '{fingerprint(metadata)}'::text $$"
    )
    _grants(conn, database, client, cases)


#: Raise by one when a change to the grants (the only part of the rules written as code, not
#: as data that `fingerprint` reads) must reach the servers.
RULES_REVISION = 1
#: The function through which a server tells which rules it has: `fingerprint` at `install`.
RULES_FUNCTION = "jt_rules_version"
#: `fingerprint` of this version's rules, written down: a client compares the server's with it
#: at sign-in without importing every table's model first (the case list is painted before
#: they load). tests/core/test_team_admin.py fails, with the new value, when the rules change
#: and this was not brought along.
RULES_FINGERPRINT = "c31a55c7f848c805"


def fingerprint(metadata: MetaData) -> str:
    """A short digest of the access rules this version lays: functions, policies, triggers and
    the tables each kind of grant covers. A server with another digest has rules from another
    version (its administrator has not run `admin upgrade` with this one)."""
    cases = case_tables(metadata)
    parts = [
        str(RULES_REVISION),
        _FUNCTIONS,
        _destruction_functions(cases),
        _new_start_function(cases),
        _working_note_function(cases),
        repr(_policies(cases)),
        repr(TRIGGERS),
        repr((OVERSEEING, REFERENCE_TABLES, TEAM_TABLES, TRAILS, CASE_LOGS, BREAK_GLASS)),
        repr((CASE_TEAM, TOMBSTONES, _DESTROYER)),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def laid_fingerprint(conn: Connection) -> str | None:
    """The digest of the rules the server has, or None when they predate the digest."""
    if conn.execute(text(f"SELECT to_regproc('{RULES_FUNCTION}')")).scalar() is None:
        return None
    return str(conn.execute(text(f"SELECT {RULES_FUNCTION}()")).scalar_one())


#: (name, table, timing, function) of every trigger the rules lay.
TRIGGERS = (
    ("jt_households_guard", "households", "BEFORE UPDATE", "jt_households_guard"),
    ("jt_stamp_access", "access_log", "BEFORE INSERT", "jt_stamp_access"),
    ("jt_stamp_audit", "audit_entries", "BEFORE INSERT", "jt_stamp_audit"),
    ("jt_stamp_disclosure", "disclosures", "BEFORE INSERT", "jt_stamp_disclosure"),
    ("jt_plan_approvals_guard", "plan_approvals", "BEFORE UPDATE", "jt_plan_approvals_guard"),
    ("jt_plan_approvals_stamp", "plan_approvals", "BEFORE INSERT", "jt_plan_approvals_stamp"),
)


def _triggers(conn: Connection) -> None:
    for name, table, timing, function in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        conn.exec_driver_sql(
            f"CREATE TRIGGER {name} {timing} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )


def _grants(conn: Connection, database: str, client: str, cases: list[str]) -> None:
    q = conn.dialect.identifier_preparer.quote
    c = q(client)
    run = conn.exec_driver_sql
    run(f"REVOKE ALL ON DATABASE {q(database)} FROM PUBLIC")
    run(f"GRANT CONNECT, TEMPORARY ON DATABASE {q(database)} TO {c}")
    run("REVOKE ALL ON SCHEMA public FROM PUBLIC")
    run(f"GRANT USAGE ON SCHEMA public TO {c}")
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {c}")
    # Break-the-glass grants are written by jt_break_glass only: a client reads them.
    writable = [t for t in cases if t != BREAK_GLASS and t not in CASE_LOGS]
    writable += ["households", *REFERENCE_TABLES, *TEAM_TABLES]
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(map(q, writable))} TO {c}")
    run(f"GRANT SELECT, INSERT ON {', '.join(map(q, (*TRAILS, *CASE_LOGS)))} TO {c}")
    run(f"GRANT SELECT ON {q(BREAK_GLASS)}, {q(TOMBSTONES)}, alembic_version TO {c}")
    run(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {c}")
    run("REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC")
    run(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {c}")
