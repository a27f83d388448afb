-- A party larger than a session (or the audience's own maximum) can ever hold is refused, not waitlisted: it would
-- wait on a list that can never reach it. server/registration/register.ts refuses it before the statement with a
-- translated message, and the function checks it again where the capacities are current (a capacity lowered between that
-- read and this statement): SQLSTATE OV422 with the capacity as DETAIL, the whole registration rolled back (nothing
-- written, no mail). Signature and results unchanged (a running older release keeps working). The body is
-- 20261202090000's but for the two checks. Semicolons of the body as \x3b (the WASM migration runner splits at every
-- semicolon, even in comments).
CREATE OR REPLACE FUNCTION "registration_register"(
  p_id text, p_registration text, p_audience_id text, p_audience text, p_name text, p_email text, p_school text,
  p_school_other text, p_level text, p_year integer, p_party integer, p_role text, p_user text, p_confirmed_at timestamp,
  p_token_hash text, p_checkin text, p_sessions text[], p_hold_until timestamp, p_domain text, p_max_per_domain integer,
  p_actor text, p_audit_after jsonb, p_mail_key text, p_mail_to text, p_mail jsonb
) RETURNS TABLE ("refusal" text, "sessionId" text, "status" text) LANGUAGE plpgsql AS
  E'#variable_conflict use_column
DECLARE
  v_session text\x3b
  v_taken boolean\x3b
  v_status "SlotBookingStatus"\x3b
  v_statuses jsonb := ''{}''\x3b
  v_capacity integer\x3b
BEGIN
  IF p_domain IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext(''registration:'' || p_registration || '':'' || p_domain))\x3b
    IF (SELECT count(*) FROM "Registrant" r WHERE r."registrationId" = p_registration AND r."cancelledAt" IS NULL
          AND right(r."email", length(p_domain) + 1) = ''@'' || p_domain) >= p_max_per_domain THEN
      RETURN QUERY SELECT ''domainLimit''::text, NULL::text, NULL::text\x3b
      RETURN\x3b
    END IF\x3b
  END IF\x3b
  PERFORM pg_advisory_xact_lock(hashtext(''registration:'' || p_registration || '':'' || p_email))\x3b
  IF EXISTS (SELECT 1 FROM "Registrant" r WHERE r."registrationId" = p_registration AND r."email" = p_email AND r."cancelledAt" IS NULL) THEN
    RETURN QUERY SELECT ''duplicate''::text, NULL::text, NULL::text\x3b
    RETURN\x3b
  END IF\x3b
  INSERT INTO "Registrant" ("id", "registrationId", "audience", "name", "email", "schoolId", "schoolOther", "level", "year",
                            "partySize", "role", "userId", "confirmedAt", "tokenHash", "checkinCode", "locale", "createdAt", "updatedAt")
  VALUES (p_id, p_registration, p_audience::"RegistrationAudienceKind", p_name, p_email, p_school, p_school_other, p_level::"PupilLevel", p_year,
          p_party, p_role::"RegistrationProfessionalRole", p_user, p_confirmed_at, p_token_hash, p_checkin, p_mail->>''locale'', now() AT TIME ZONE ''UTC'', now() AT TIME ZONE ''UTC'')\x3b
  INSERT INTO "AuditLog" ("actorId", "action", "entityType", "entityId", "after", "at")
  VALUES (p_actor, ''registration.register'', ''Registrant'', p_id, p_audit_after, now() AT TIME ZONE ''UTC'')\x3b
  FOREACH v_session IN ARRAY p_sessions LOOP
    UPDATE "RegistrationSession" SET "confirmedCount" = "confirmedCount" + p_party, "updatedAt" = (now() AT TIME ZONE ''UTC'')
    WHERE "id" = v_session AND "status" = ''PUBLISHED'' AND "confirmedCount" + p_party <= "capacity"\x3b
    v_taken := FOUND\x3b
    IF NOT v_taken THEN
      SELECT "capacity" INTO v_capacity FROM "RegistrationSession" WHERE "id" = v_session\x3b
      IF p_party > v_capacity THEN
        RAISE EXCEPTION ''registration party never fits'' USING ERRCODE = ''OV422'', DETAIL = v_capacity::text\x3b
      END IF\x3b
      PERFORM pg_advisory_xact_lock(hashtext(''waitlist:RegistrationSession:'' || v_session))\x3b
    END IF\x3b
    v_status := CASE WHEN NOT v_taken THEN ''WAITLISTED'' WHEN p_hold_until IS NULL THEN ''CONFIRMED'' ELSE ''PENDING'' END\x3b
    INSERT INTO "RegistrationSeat" ("id", "registrantId", "sessionId", "places", "status", "waitlistedAt", "offerExpiresAt", "createdAt", "updatedAt")
    VALUES (gen_random_uuid()::text, p_id, v_session, p_party, v_status,
            CASE WHEN v_taken THEN NULL ELSE (clock_timestamp() AT TIME ZONE ''UTC'') END,
            CASE WHEN v_taken THEN p_hold_until END, now() AT TIME ZONE ''UTC'', now() AT TIME ZONE ''UTC'')\x3b
    v_statuses := v_statuses || jsonb_build_object(v_session, v_status::text)\x3b
    RETURN QUERY SELECT NULL::text, v_session, v_status::text\x3b
  END LOOP\x3b
  UPDATE "RegistrationAudience" SET "confirmedCount" = "confirmedCount" + p_party, "updatedAt" = (now() AT TIME ZONE ''UTC'')
  WHERE "id" = p_audience_id AND ("capacity" IS NULL OR "confirmedCount" + p_party <= "capacity")\x3b
  IF NOT FOUND THEN
    SELECT "capacity" INTO v_capacity FROM "RegistrationAudience" WHERE "id" = p_audience_id\x3b
    IF p_party > v_capacity THEN
      RAISE EXCEPTION ''registration party never fits'' USING ERRCODE = ''OV422'', DETAIL = v_capacity::text\x3b
    END IF\x3b
    RAISE EXCEPTION ''registration audience full'' USING ERRCODE = ''OV409''\x3b
  END IF\x3b
  INSERT INTO "MailOutbox" ("id", "key", "to", "template", "createdAt")
  VALUES (gen_random_uuid()::text, p_mail_key, p_mail_to, p_mail || jsonb_build_object(''statuses'', v_statuses), now() AT TIME ZONE ''UTC'')
  ON CONFLICT ("key") DO NOTHING\x3b
END\x3b';
