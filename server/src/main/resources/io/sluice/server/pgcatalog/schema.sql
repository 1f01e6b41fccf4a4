-- The PostgreSQL system catalogs clients query, as DuckDB tables in schema pgcat. Oid columns are
-- UINTEGER (reported to clients as oid); "char" and name columns are VARCHAR. Statements are
-- separated by a line holding only a semicolon.
CREATE SCHEMA pgcat
;
CREATE SCHEMA pgisc
;
CREATE SCHEMA sluice
;
CREATE TABLE pgcat.pg_session(usename VARCHAR, datname VARCHAR, search_path VARCHAR[], application_name VARCHAR)
;
CREATE TABLE pgcat.pg_namespace(oid UINTEGER, nspname VARCHAR, nspowner UINTEGER, nspacl VARCHAR[])
;
CREATE TABLE pgcat.pg_class(oid UINTEGER, relname VARCHAR, relnamespace UINTEGER, reltype UINTEGER,
  reloftype UINTEGER, relowner UINTEGER, relam UINTEGER, relfilenode UINTEGER, reltablespace UINTEGER,
  relpages INTEGER, reltuples REAL, relallvisible INTEGER, reltoastrelid UINTEGER, relhasindex BOOLEAN,
  relisshared BOOLEAN, relpersistence VARCHAR, relkind VARCHAR, relnatts SMALLINT, relchecks SMALLINT,
  relhasrules BOOLEAN, relhastriggers BOOLEAN, relhassubclass BOOLEAN, relrowsecurity BOOLEAN,
  relforcerowsecurity BOOLEAN, relispopulated BOOLEAN, relreplident VARCHAR, relispartition BOOLEAN,
  relrewrite UINTEGER, relfrozenxid UINTEGER, relminmxid UINTEGER, relacl VARCHAR[], reloptions VARCHAR[],
  relpartbound VARCHAR)
;
CREATE TABLE pgcat.pg_attribute(attrelid UINTEGER, attname VARCHAR, atttypid UINTEGER, attlen SMALLINT,
  attnum SMALLINT, attcacheoff INTEGER, atttypmod INTEGER, attndims SMALLINT, attbyval BOOLEAN,
  attalign VARCHAR, attstorage VARCHAR, attcompression VARCHAR, attnotnull BOOLEAN, atthasdef BOOLEAN,
  atthasmissing BOOLEAN, attidentity VARCHAR, attgenerated VARCHAR, attisdropped BOOLEAN,
  attislocal BOOLEAN, attinhcount SMALLINT, attstattarget SMALLINT, attcollation UINTEGER,
  attacl VARCHAR[], attoptions VARCHAR[], attfdwoptions VARCHAR[], attmissingval VARCHAR)
;
CREATE TABLE pgcat.pg_type(oid UINTEGER, typname VARCHAR, typnamespace UINTEGER, typowner UINTEGER,
  typlen SMALLINT, typbyval BOOLEAN, typtype VARCHAR, typcategory VARCHAR, typispreferred BOOLEAN,
  typisdefined BOOLEAN, typdelim VARCHAR, typrelid UINTEGER, typsubscript VARCHAR, typelem UINTEGER,
  typarray UINTEGER, typinput VARCHAR, typoutput VARCHAR, typreceive VARCHAR, typsend VARCHAR,
  typmodin VARCHAR, typmodout VARCHAR, typanalyze VARCHAR, typalign VARCHAR, typstorage VARCHAR,
  typnotnull BOOLEAN, typbasetype UINTEGER, typtypmod INTEGER, typndims INTEGER, typcollation UINTEGER,
  typdefaultbin VARCHAR, typdefault VARCHAR, typacl VARCHAR[])
;
CREATE TABLE pgcat.pg_database(oid UINTEGER, datname VARCHAR, datdba UINTEGER, encoding INTEGER,
  datlocprovider VARCHAR, datistemplate BOOLEAN, datallowconn BOOLEAN, datconnlimit INTEGER,
  datfrozenxid UINTEGER, datminmxid UINTEGER, dattablespace UINTEGER, datcollate VARCHAR,
  datctype VARCHAR, daticulocale VARCHAR, daticurules VARCHAR, datcollversion VARCHAR, datacl VARCHAR[])
;
CREATE TABLE pgcat.pg_settings(name VARCHAR, setting VARCHAR, unit VARCHAR, category VARCHAR,
  short_desc VARCHAR, extra_desc VARCHAR, context VARCHAR, vartype VARCHAR, source VARCHAR,
  min_val VARCHAR, max_val VARCHAR, enumvals VARCHAR[], boot_val VARCHAR, reset_val VARCHAR,
  sourcefile VARCHAR, sourceline INTEGER, pending_restart BOOLEAN)
;
CREATE TABLE pgcat.pg_description(objoid UINTEGER, classoid UINTEGER, objsubid INTEGER, description VARCHAR)
;
CREATE TABLE pgcat.pg_shdescription(objoid UINTEGER, classoid UINTEGER, description VARCHAR)
;
CREATE TABLE pgcat.pg_index(indexrelid UINTEGER, indrelid UINTEGER, indnatts SMALLINT, indnkeyatts SMALLINT,
  indisunique BOOLEAN, indnullsnotdistinct BOOLEAN, indisprimary BOOLEAN, indisexclusion BOOLEAN,
  indimmediate BOOLEAN, indisclustered BOOLEAN, indisvalid BOOLEAN, indcheckxmin BOOLEAN,
  indisready BOOLEAN, indislive BOOLEAN, indisreplident BOOLEAN, indkey SMALLINT[], indcollation UINTEGER[],
  indclass UINTEGER[], indoption SMALLINT[], indexprs VARCHAR, indpred VARCHAR)
;
CREATE TABLE pgcat.pg_constraint(oid UINTEGER, conname VARCHAR, connamespace UINTEGER, contype VARCHAR,
  condeferrable BOOLEAN, condeferred BOOLEAN, convalidated BOOLEAN, conrelid UINTEGER, contypid UINTEGER,
  conindid UINTEGER, conparentid UINTEGER, confrelid UINTEGER, confupdtype VARCHAR, confdeltype VARCHAR,
  confmatchtype VARCHAR, conislocal BOOLEAN, coninhcount SMALLINT, connoinherit BOOLEAN,
  conkey SMALLINT[], confkey SMALLINT[], conpfeqop UINTEGER[], conppeqop UINTEGER[], conffeqop UINTEGER[],
  confdelsetcols SMALLINT[], conexclop UINTEGER[], conbin VARCHAR)
;
CREATE TABLE pgcat.pg_proc(oid UINTEGER, proname VARCHAR, pronamespace UINTEGER, proowner UINTEGER,
  prolang UINTEGER, procost REAL, prorows REAL, provariadic UINTEGER, prosupport VARCHAR, prokind VARCHAR,
  prosecdef BOOLEAN, proleakproof BOOLEAN, proisstrict BOOLEAN, proretset BOOLEAN, provolatile VARCHAR,
  proparallel VARCHAR, pronargs SMALLINT, pronargdefaults SMALLINT, prorettype UINTEGER,
  proargtypes UINTEGER[], proallargtypes UINTEGER[], proargmodes VARCHAR[], proargnames VARCHAR[],
  proargdefaults VARCHAR, protrftypes UINTEGER[], prosrc VARCHAR, probin VARCHAR, prosqlbody VARCHAR,
  proconfig VARCHAR[], proacl VARCHAR[])
;
CREATE TABLE pgcat.pg_enum(oid UINTEGER, enumtypid UINTEGER, enumsortorder REAL, enumlabel VARCHAR)
;
CREATE TABLE pgcat.pg_am(oid UINTEGER, amname VARCHAR, amhandler VARCHAR, amtype VARCHAR)
;
CREATE TABLE pgcat.pg_attrdef(oid UINTEGER, adrelid UINTEGER, adnum SMALLINT, adbin VARCHAR)
;
CREATE TABLE pgcat.pg_roles(rolname VARCHAR, rolsuper BOOLEAN, rolinherit BOOLEAN, rolcreaterole BOOLEAN,
  rolcreatedb BOOLEAN, rolcanlogin BOOLEAN, rolreplication BOOLEAN, rolconnlimit INTEGER,
  rolpassword VARCHAR, rolvaliduntil TIMESTAMP WITH TIME ZONE, rolbypassrls BOOLEAN, rolconfig VARCHAR[],
  oid UINTEGER)
;
CREATE VIEW pgcat.pg_authid AS SELECT oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb,
  rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, NULL::VARCHAR AS rolpassword, rolvaliduntil
  FROM pgcat.pg_roles
;
CREATE VIEW pgcat.pg_user AS SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb,
  rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls, '********' AS passwd,
  rolvaliduntil AS valuntil, rolconfig AS useconfig FROM pgcat.pg_roles WHERE rolcanlogin
;
CREATE TABLE pgcat.pg_auth_members(oid UINTEGER, roleid UINTEGER, member UINTEGER, grantor UINTEGER,
  admin_option BOOLEAN, inherit_option BOOLEAN, set_option BOOLEAN)
;
CREATE TABLE pgcat.pg_inherits(inhrelid UINTEGER, inhparent UINTEGER, inhseqno INTEGER, inhdetachpending BOOLEAN)
;
CREATE TABLE pgcat.pg_tablespace(oid UINTEGER, spcname VARCHAR, spcowner UINTEGER, spcacl VARCHAR[], spcoptions VARCHAR[])
;
CREATE TABLE pgcat.pg_collation(oid UINTEGER, collname VARCHAR, collnamespace UINTEGER, collowner UINTEGER,
  collprovider VARCHAR, collisdeterministic BOOLEAN, collencoding INTEGER, collcollate VARCHAR,
  collctype VARCHAR, colliculocale VARCHAR, collicurules VARCHAR, collversion VARCHAR)
;
CREATE TABLE pgcat.pg_depend(classid UINTEGER, objid UINTEGER, objsubid INTEGER, refclassid UINTEGER,
  refobjid UINTEGER, refobjsubid INTEGER, deptype VARCHAR)
;
CREATE TABLE pgcat.pg_trigger(oid UINTEGER, tgrelid UINTEGER, tgparentid UINTEGER, tgname VARCHAR,
  tgfoid UINTEGER, tgtype SMALLINT, tgenabled VARCHAR, tgisinternal BOOLEAN, tgconstrrelid UINTEGER,
  tgconstrindid UINTEGER, tgconstraint UINTEGER, tgdeferrable BOOLEAN, tginitdeferred BOOLEAN,
  tgnargs SMALLINT, tgattr SMALLINT[], tgargs VARCHAR, tgqual VARCHAR, tgoldtable VARCHAR, tgnewtable VARCHAR)
;
CREATE TABLE pgcat.pg_rewrite(oid UINTEGER, rulename VARCHAR, ev_class UINTEGER, ev_type VARCHAR,
  ev_enabled VARCHAR, is_instead BOOLEAN, ev_qual VARCHAR, ev_action VARCHAR)
;
CREATE TABLE pgcat.pg_policy(oid UINTEGER, polname VARCHAR, polrelid UINTEGER, polcmd VARCHAR,
  polpermissive BOOLEAN, polroles UINTEGER[], polqual VARCHAR, polwithcheck VARCHAR)
;
CREATE TABLE pgcat.pg_statistic_ext(oid UINTEGER, stxrelid UINTEGER, stxname VARCHAR, stxnamespace UINTEGER,
  stxowner UINTEGER, stxstattarget INTEGER, stxkeys SMALLINT[], stxkind VARCHAR[], stxexprs VARCHAR)
;
CREATE TABLE pgcat.pg_publication(oid UINTEGER, pubname VARCHAR, pubowner UINTEGER, puballtables BOOLEAN,
  pubinsert BOOLEAN, pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN)
;
CREATE TABLE pgcat.pg_publication_rel(oid UINTEGER, prpubid UINTEGER, prrelid UINTEGER, prqual VARCHAR, prattrs SMALLINT[])
;
CREATE TABLE pgcat.pg_publication_namespace(oid UINTEGER, pnpubid UINTEGER, pnnspid UINTEGER)
;
CREATE TABLE pgcat.pg_foreign_table(ftrelid UINTEGER, ftserver UINTEGER, ftoptions VARCHAR[])
;
CREATE TABLE pgcat.pg_partitioned_table(partrelid UINTEGER, partstrat VARCHAR, partnatts SMALLINT,
  partdefid UINTEGER, partattrs SMALLINT[], partclass UINTEGER[], partcollation UINTEGER[], partexprs VARCHAR)
;
CREATE TABLE pgcat.pg_extension(oid UINTEGER, extname VARCHAR, extowner UINTEGER, extnamespace UINTEGER,
  extrelocatable BOOLEAN, extversion VARCHAR, extconfig UINTEGER[], extcondition VARCHAR[])
;
CREATE TABLE pgcat.pg_event_trigger(oid UINTEGER, evtname VARCHAR, evtevent VARCHAR, evtowner UINTEGER,
  evtfoid UINTEGER, evtenabled VARCHAR, evttags VARCHAR[])
;
CREATE TABLE pgcat.pg_sequence(seqrelid UINTEGER, seqtypid UINTEGER, seqstart BIGINT, seqincrement BIGINT,
  seqmax BIGINT, seqmin BIGINT, seqcache BIGINT, seqcycle BOOLEAN)
;
CREATE TABLE pgcat.pg_language(oid UINTEGER, lanname VARCHAR, lanowner UINTEGER, lanispl BOOLEAN,
  lanpltrusted BOOLEAN, lanplcallfoid UINTEGER, laninline UINTEGER, lanvalidator UINTEGER, lanacl VARCHAR[])
;
CREATE TABLE pgcat.pg_operator(oid UINTEGER, oprname VARCHAR, oprnamespace UINTEGER, oprowner UINTEGER,
  oprkind VARCHAR, oprcanmerge BOOLEAN, oprcanhash BOOLEAN, oprleft UINTEGER, oprright UINTEGER,
  oprresult UINTEGER, oprcom UINTEGER, oprnegate UINTEGER, oprcode VARCHAR, oprrest VARCHAR, oprjoin VARCHAR)
;
CREATE TABLE pgcat.pg_cast(oid UINTEGER, castsource UINTEGER, casttarget UINTEGER, castfunc UINTEGER,
  castcontext VARCHAR, castmethod VARCHAR)
;
CREATE TABLE pgcat.pg_foreign_data_wrapper(oid UINTEGER, fdwname VARCHAR, fdwowner UINTEGER,
  fdwhandler UINTEGER, fdwvalidator UINTEGER, fdwacl VARCHAR[], fdwoptions VARCHAR[])
;
CREATE TABLE pgcat.pg_foreign_server(oid UINTEGER, srvname VARCHAR, srvowner UINTEGER, srvfdw UINTEGER,
  srvtype VARCHAR, srvversion VARCHAR, srvacl VARCHAR[], srvoptions VARCHAR[])
;
CREATE TABLE pgcat.pg_stat_activity(datid UINTEGER, datname VARCHAR, pid INTEGER, usesysid UINTEGER,
  usename VARCHAR, application_name VARCHAR, client_addr VARCHAR, backend_start TIMESTAMP WITH TIME ZONE,
  state VARCHAR, query VARCHAR)
;
CREATE TABLE pgcat.pg_locks(locktype VARCHAR, database UINTEGER, relation UINTEGER, pid INTEGER, mode VARCHAR, granted BOOLEAN)
;
CREATE VIEW pgcat.pg_tables AS SELECT n.nspname AS schemaname, c.relname AS tablename,
  'sluice' AS tableowner, NULL::VARCHAR AS tablespace, c.relhasindex AS hasindexes, false AS hasrules,
  false AS hastriggers, false AS rowsecurity
  FROM pgcat.pg_class c JOIN pgcat.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')
;
CREATE VIEW pgcat.pg_views AS SELECT n.nspname AS schemaname, c.relname AS viewname,
  'sluice' AS viewowner, NULL::VARCHAR AS definition
  FROM pgcat.pg_class c JOIN pgcat.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v'
;
CREATE VIEW pgcat.pg_matviews AS SELECT NULL::VARCHAR AS schemaname, NULL::VARCHAR AS matviewname,
  NULL::VARCHAR AS matviewowner, NULL::VARCHAR AS tablespace, false AS hasindexes, false AS ispopulated,
  NULL::VARCHAR AS definition WHERE false
;
CREATE VIEW pgcat.pg_indexes AS SELECT n.nspname AS schemaname, t.relname AS tablename,
  c.relname AS indexname, NULL::VARCHAR AS tablespace, NULL::VARCHAR AS indexdef
  FROM pgcat.pg_index i JOIN pgcat.pg_class c ON c.oid = i.indexrelid JOIN pgcat.pg_class t ON t.oid = i.indrelid
  JOIN pgcat.pg_namespace n ON n.oid = t.relnamespace
;
CREATE TABLE pgcat.pg_keywords(word VARCHAR, catcode VARCHAR, barelabel BOOLEAN, catdesc VARCHAR, baredesc VARCHAR)
;
-- Functions clients call. Session-dependent ones read pg_session, which holds the asking session.
CREATE MACRO pgcat.version() AS '${version}'
;
CREATE MACRO pgcat.current_user() AS (SELECT usename FROM pgcat.pg_session)
;
CREATE MACRO pgcat.session_user() AS (SELECT usename FROM pgcat.pg_session)
;
CREATE MACRO pgcat.current_role() AS (SELECT usename FROM pgcat.pg_session)
;
CREATE MACRO pgcat.current_database() AS (SELECT datname FROM pgcat.pg_session)
;
CREATE MACRO pgcat.current_catalog() AS (SELECT datname FROM pgcat.pg_session)
;
-- Defined again with the asking session's search_path before each query (see PgCatalogDatabase).
-- Table functions (generate_series) take these as arguments, so they must not be subqueries.
CREATE MACRO pgcat.current_schema() AS 'public'
;
CREATE MACRO pgcat.current_schemas(include_implicit) AS
  CASE WHEN include_implicit THEN ['pg_catalog', 'public'] ELSE ['public'] END
;
CREATE MACRO pgcat.current_setting(setting_name) AS (SELECT __s.setting FROM pgcat.pg_settings __s WHERE __s.name = lower(setting_name)),
  (setting_name, missing_ok) AS (SELECT __s.setting FROM pgcat.pg_settings __s WHERE __s.name = lower(setting_name))
;
CREATE MACRO pgcat.pg_backend_pid() AS 1
;
CREATE MACRO pgcat.pg_is_in_recovery() AS false
;
CREATE MACRO pgcat.txid_current() AS 1::BIGINT
;
CREATE MACRO pgcat.pg_postmaster_start_time() AS TIMESTAMPTZ '2000-01-01 00:00:00+00'
;
CREATE MACRO pgcat.pg_get_userbyid(role_oid) AS
  (SELECT coalesce(max(__r.rolname), 'unknown (OID=' || role_oid || ')') FROM pgcat.pg_roles __r WHERE __r.oid = role_oid)
;
CREATE MACRO pgcat.pg_table_is_visible(rel_oid) AS
  (SELECT count(*) > 0 FROM pgcat.pg_class __c JOIN pgcat.pg_namespace __n ON __n.oid = __c.relnamespace, pgcat.pg_session __s
   WHERE __c.oid = rel_oid AND (__n.nspname = 'pg_catalog' OR list_contains(__s.search_path, __n.nspname)))
;
CREATE MACRO pgcat.pg_type_is_visible(type_oid) AS true
;
CREATE MACRO pgcat.pg_function_is_visible(fn_oid) AS true
;
CREATE MACRO pgcat.format_type(type_oid, type_mod) AS
  (SELECT CASE
     WHEN __t.typname IS NULL THEN NULL
     WHEN __t.typname IN ('varchar', 'bpchar') AND type_mod > 4
       THEN (CASE __t.typname WHEN 'varchar' THEN 'character varying' ELSE 'character' END) || '(' || (type_mod - 4) || ')'
     WHEN __t.typname = 'numeric' AND type_mod > 4
       THEN 'numeric(' || ((type_mod - 4) >> 16) || ',' || ((type_mod - 4) & 65535) || ')'
     WHEN __t.typelem <> 0 AND __t.typname LIKE '\_%' ESCAPE '\'
       THEN (SELECT pgcat.format_type_name(__e.typname) FROM pgcat.pg_type __e WHERE __e.oid = __t.typelem) || '[]'
     ELSE pgcat.format_type_name(__t.typname) END
   FROM (SELECT 1) LEFT JOIN pgcat.pg_type __t ON __t.oid = type_oid)
;
CREATE MACRO pgcat.format_type_name(name) AS
  CASE name WHEN 'bool' THEN 'boolean' WHEN 'int2' THEN 'smallint' WHEN 'int4' THEN 'integer'
    WHEN 'int8' THEN 'bigint' WHEN 'float4' THEN 'real' WHEN 'float8' THEN 'double precision'
    WHEN 'varchar' THEN 'character varying' WHEN 'bpchar' THEN 'character'
    WHEN 'timestamp' THEN 'timestamp without time zone' WHEN 'timestamptz' THEN 'timestamp with time zone'
    WHEN 'time' THEN 'time without time zone' WHEN 'timetz' THEN 'time with time zone'
    WHEN 'char' THEN '"char"' ELSE name END
;
CREATE MACRO pgcat.pg_get_expr(expr, relation) AS expr,
  (expr, relation, pretty) AS expr
;
CREATE MACRO pgcat.pg_get_partkeydef(rel_oid) AS NULL::VARCHAR
;
CREATE MACRO pgcat.index_definition(index_oid) AS
  (SELECT 'CREATE UNIQUE INDEX ' || __c.relname || ' ON ' || __n.nspname || '.' || __t.relname || ' USING btree ('
     || (SELECT string_agg(__a.attname, ', ' ORDER BY __k.i) FROM (SELECT unnest(__i.indkey) AS attnum, generate_subscripts(__i.indkey, 1) AS i) __k
         JOIN pgcat.pg_attribute __a ON __a.attrelid = __i.indrelid AND __a.attnum = __k.attnum) || ')'
   FROM pgcat.pg_index __i JOIN pgcat.pg_class __c ON __c.oid = __i.indexrelid JOIN pgcat.pg_class __t ON __t.oid = __i.indrelid
   JOIN pgcat.pg_namespace __n ON __n.oid = __t.relnamespace WHERE __i.indexrelid = index_oid)
;
CREATE MACRO pgcat.pg_get_indexdef(index_oid) AS pgcat.index_definition(index_oid),
  (index_oid, column_no, pretty) AS pgcat.index_definition(index_oid)
;
CREATE MACRO pgcat.constraint_definition(constraint_oid) AS
  (SELECT 'PRIMARY KEY (' || (SELECT string_agg(__a.attname, ', ' ORDER BY __k.i) FROM (SELECT unnest(__c.conkey) AS attnum, generate_subscripts(__c.conkey, 1) AS i) __k
         JOIN pgcat.pg_attribute __a ON __a.attrelid = __c.conrelid AND __a.attnum = __k.attnum) || ')'
   FROM pgcat.pg_constraint __c WHERE __c.oid = constraint_oid)
;
CREATE MACRO pgcat.pg_get_constraintdef(constraint_oid) AS pgcat.constraint_definition(constraint_oid),
  (constraint_oid, pretty) AS pgcat.constraint_definition(constraint_oid)
;
CREATE MACRO pgcat.pg_get_viewdef(view_oid) AS NULL::VARCHAR,
  (view_oid, pretty) AS NULL::VARCHAR
;
CREATE MACRO pgcat.pg_get_triggerdef(trigger_oid) AS NULL::VARCHAR,
  (trigger_oid, pretty) AS NULL::VARCHAR
;
CREATE MACRO pgcat.pg_get_functiondef(fn_oid) AS NULL::VARCHAR
;
CREATE MACRO pgcat.pg_get_function_arguments(fn_oid) AS ''
;
CREATE MACRO pgcat.pg_get_function_identity_arguments(fn_oid) AS ''
;
CREATE MACRO pgcat.pg_get_function_result(fn_oid) AS NULL::VARCHAR
;
CREATE MACRO pgcat.pg_get_statisticsobjdef_columns(stat_oid) AS NULL::VARCHAR
;
CREATE MACRO pgcat.pg_get_serial_sequence(table_name, column_name) AS NULL::VARCHAR
;
CREATE MACRO pgcat.pg_encoding_to_char(encoding_id) AS CASE encoding_id WHEN 6 THEN 'UTF8' WHEN 0 THEN 'SQL_ASCII' ELSE '' END
;
CREATE MACRO pgcat.pg_char_to_encoding(encoding_name) AS CASE upper(encoding_name) WHEN 'UTF8' THEN 6 WHEN 'SQL_ASCII' THEN 0 ELSE -1 END
;
CREATE MACRO pgcat.obj_description(object_oid) AS
  (SELECT max(__d.description) FROM pgcat.pg_description __d WHERE __d.objoid = object_oid AND __d.objsubid = 0),
  (object_oid, catalog_name) AS
  (SELECT max(__d.description) FROM pgcat.pg_description __d WHERE __d.objoid = object_oid AND __d.objsubid = 0)
;
CREATE MACRO pgcat.col_description(table_oid, column_no) AS
  (SELECT max(__d.description) FROM pgcat.pg_description __d WHERE __d.objoid = table_oid AND __d.objsubid = column_no)
;
CREATE MACRO pgcat.shobj_description(object_oid, catalog_name) AS
  (SELECT max(__d.description) FROM pgcat.pg_shdescription __d WHERE __d.objoid = object_oid)
;
CREATE MACRO pgcat.has_table_privilege(a, b) AS true,
  (a, b, c) AS true
;
CREATE MACRO pgcat.has_schema_privilege(a, b) AS true,
  (a, b, c) AS true
;
CREATE MACRO pgcat.has_database_privilege(a, b) AS true,
  (a, b, c) AS true
;
CREATE MACRO pgcat.has_column_privilege(a, b, c) AS true,
  (a, b, c, d) AS true
;
CREATE MACRO pgcat.has_function_privilege(a, b) AS true,
  (a, b, c) AS true
;
CREATE MACRO pgcat.has_sequence_privilege(a, b) AS true,
  (a, b, c) AS true
;
CREATE MACRO pgcat.has_any_column_privilege(a, b) AS true,
  (a, b, c) AS true
;
CREATE MACRO pgcat.pg_has_role(a, b) AS true,
  (a, b, c) AS true
;
CREATE MACRO pgcat.pg_total_relation_size(rel_oid) AS 0::BIGINT
;
CREATE MACRO pgcat.pg_relation_size(rel_oid) AS 0::BIGINT,
  (rel_oid, fork) AS 0::BIGINT
;
CREATE MACRO pgcat.pg_table_size(rel_oid) AS 0::BIGINT
;
CREATE MACRO pgcat.pg_indexes_size(rel_oid) AS 0::BIGINT
;
CREATE MACRO pgcat.pg_database_size(db) AS 0::BIGINT
;
CREATE MACRO pgcat.pg_size_pretty(bytes) AS format_bytes(bytes::BIGINT)
;
CREATE MACRO pgcat.pg_tablespace_location(spc_oid) AS ''
;
CREATE MACRO pgcat.array_to_string(arr, sep) AS array_to_string(arr, sep)
;
CREATE MACRO pgcat.array_upper(arr, dim) AS CASE WHEN len(arr) = 0 THEN NULL ELSE len(arr) END
;
CREATE MACRO pgcat.array_lower(arr, dim) AS CASE WHEN len(arr) = 0 THEN NULL ELSE 1 END
;
CREATE MACRO pgcat.regclass_in(rel_name) AS
  (SELECT max(__c.oid) FROM pgcat.pg_class __c JOIN pgcat.pg_namespace __n ON __n.oid = __c.relnamespace
   WHERE __c.relname = rel_name OR __n.nspname || '.' || __c.relname = rel_name)
;
CREATE MACRO pgcat.regtype_in(type_name) AS
  (SELECT max(__t.oid) FROM pgcat.pg_type __t WHERE __t.typname = type_name OR pgcat.format_type_name(__t.typname) = type_name)
;
CREATE MACRO pgcat.text_array(literal) AS
  CASE WHEN trim(literal) = '{}' THEN []::VARCHAR[]
  ELSE list_transform(string_split(trim(trim(literal), '{}'), ','), lambda x: trim(trim(x), '"')) END
;
CREATE MACRO pgcat.pg_get_keywords() AS TABLE SELECT * FROM pgcat.pg_keywords
;
CREATE MACRO pgcat._pg_expandarray(arr) AS
  {'x': unnest(arr), 'n': generate_subscripts(arr, 1)}
;
-- information_schema, as views over pgcat.
CREATE VIEW pgisc.schemata AS SELECT pgcat.current_database() AS catalog_name, nspname AS schema_name,
  'sluice' AS schema_owner, NULL::VARCHAR AS default_character_set_catalog,
  NULL::VARCHAR AS default_character_set_schema, NULL::VARCHAR AS default_character_set_name,
  NULL::VARCHAR AS sql_path FROM pgcat.pg_namespace
;
CREATE VIEW pgisc.tables AS SELECT pgcat.current_database() AS table_catalog, n.nspname AS table_schema,
  c.relname AS table_name,
  CASE WHEN n.nspname IN ('pg_catalog', 'information_schema') AND c.relkind = 'v' THEN 'VIEW'
       WHEN c.relkind = 'v' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type,
  NULL::VARCHAR AS self_referencing_column_name, NULL::VARCHAR AS reference_generation,
  NULL::VARCHAR AS user_defined_type_catalog, NULL::VARCHAR AS user_defined_type_schema,
  NULL::VARCHAR AS user_defined_type_name, 'NO' AS is_insertable_into, 'NO' AS is_typed,
  NULL::VARCHAR AS commit_action
  FROM pgcat.pg_class c JOIN pgcat.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'p', 'f')
;
CREATE VIEW pgisc.columns AS SELECT pgcat.current_database() AS table_catalog, n.nspname AS table_schema,
  c.relname AS table_name, a.attname AS column_name, a.attnum::INTEGER AS ordinal_position,
  NULL::VARCHAR AS column_default, CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,
  CASE WHEN t.typelem <> 0 THEN 'ARRAY' ELSE pgcat.format_type(a.atttypid, -1) END AS data_type,
  NULL::INTEGER AS character_maximum_length, NULL::INTEGER AS character_octet_length,
  NULL::INTEGER AS numeric_precision, NULL::INTEGER AS numeric_precision_radix, NULL::INTEGER AS numeric_scale,
  NULL::INTEGER AS datetime_precision, NULL::VARCHAR AS interval_type, NULL::INTEGER AS interval_precision,
  pgcat.current_database() AS udt_catalog, 'pg_catalog' AS udt_schema, t.typname AS udt_name,
  'NO' AS is_identity, 'NEVER' AS is_generated, 'NO' AS is_updatable
  FROM pgcat.pg_attribute a JOIN pgcat.pg_class c ON c.oid = a.attrelid
  JOIN pgcat.pg_namespace n ON n.oid = c.relnamespace JOIN pgcat.pg_type t ON t.oid = a.atttypid
  WHERE a.attnum > 0 AND NOT a.attisdropped
;
CREATE VIEW pgisc.views AS SELECT pgcat.current_database() AS table_catalog, n.nspname AS table_schema,
  c.relname AS table_name, NULL::VARCHAR AS view_definition, 'NONE' AS check_option,
  'NO' AS is_updatable, 'NO' AS is_insertable_into
  FROM pgcat.pg_class c JOIN pgcat.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v'
;
CREATE VIEW pgisc.table_constraints AS SELECT pgcat.current_database() AS constraint_catalog,
  n.nspname AS constraint_schema, k.conname AS constraint_name, pgcat.current_database() AS table_catalog,
  n.nspname AS table_schema, c.relname AS table_name, 'PRIMARY KEY' AS constraint_type,
  'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced
  FROM pgcat.pg_constraint k JOIN pgcat.pg_class c ON c.oid = k.conrelid JOIN pgcat.pg_namespace n ON n.oid = c.relnamespace
;
CREATE VIEW pgisc.key_column_usage AS SELECT pgcat.current_database() AS constraint_catalog,
  n.nspname AS constraint_schema, k.conname AS constraint_name, pgcat.current_database() AS table_catalog,
  n.nspname AS table_schema, c.relname AS table_name, a.attname AS column_name,
  list_position(k.conkey, a.attnum)::INTEGER AS ordinal_position, NULL::INTEGER AS position_in_unique_constraint
  FROM pgcat.pg_constraint k JOIN pgcat.pg_class c ON c.oid = k.conrelid JOIN pgcat.pg_namespace n ON n.oid = c.relnamespace
  JOIN pgcat.pg_attribute a ON a.attrelid = c.oid AND list_contains(k.conkey, a.attnum)
;
CREATE VIEW pgisc.routines AS SELECT NULL::VARCHAR AS specific_catalog, NULL::VARCHAR AS specific_schema,
  NULL::VARCHAR AS specific_name, NULL::VARCHAR AS routine_catalog, NULL::VARCHAR AS routine_schema,
  NULL::VARCHAR AS routine_name, NULL::VARCHAR AS routine_type, NULL::VARCHAR AS data_type WHERE false
;
-- Sluice's own objects.
CREATE TABLE sluice.pipelines(name VARCHAR, state VARCHAR, last_error VARCHAR, created_at TIMESTAMP WITH TIME ZONE, query VARCHAR)
;
CREATE TABLE sluice.connection_profiles(name VARCHAR, connector VARCHAR)
;
CREATE TABLE sluice.tables(name VARCHAR, kind VARCHAR, connector VARCHAR, primary_key VARCHAR[])
;
CREATE TABLE sluice.pipeline_sources(pipeline VARCHAR, source_table VARCHAR, topic VARCHAR, "partition" INTEGER, subtask INTEGER, next_offset BIGINT, committed_offset BIGINT, end_offset BIGINT, lag BIGINT, records_read BIGINT, records_emitted BIGINT, records_dropped BIGINT, records_dead_lettered BIGINT)

;
CREATE MACRO pgcat.pg_relation_is_publishable(rel_oid) AS false
;
CREATE MACRO pgcat.pg_get_partition_constraintdef(rel_oid) AS NULL::VARCHAR
;
CREATE MACRO pgcat.pg_stat_get_numscans(rel_oid) AS 0::BIGINT
