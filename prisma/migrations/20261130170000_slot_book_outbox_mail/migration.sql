-- Issue 17 (booking rush): the pupil's booking mail (pending, confirmed or waitlisted) is written into the
-- transactional outbox (MailOutbox) by the booking statement itself, so a committed booking cannot lose its mail and
-- the web process no longer builds and sends it before answering (the worker's outbox poll sends it within seconds,
-- server/mail/outbox.ts). p_mail carries the rendered variants per possible status (the app renders them: same text
-- and language as before) with a placeholder for the waiting-list position, which only the function knows: {"key",
-- "to", "placeholder", "PENDING": {"subject", "text"}, "CONFIRMED": {...}, "WAITLISTED": {...}}. The status the row
-- was stored with picks the variant (the participation trigger may turn a waiting booking into a held place). The
-- key (slot-booking:<id>) is unique: a retried statement adds no second mail. NULL p_mail: the caller delivers the
-- mail itself. The 22-parameter version is dropped (a new parameter would otherwise add an overload beside it).
-- Semicolons of the body as \x3b (see 20261130133000).
DROP FUNCTION "slot_book"(text, text, text, text, timestamp, text, text, text, text, text, text, int, jsonb, timestamp, text, text, text, int, int, boolean, int, jsonb);
CREATE FUNCTION "slot_book"(
  p_id text, p_slot text, p_org text, p_programme text, p_starts timestamp,
  p_name text, p_email text, p_domain text, p_school text, p_school_other text,
  p_level text, p_year int, p_answers jsonb, p_hold_until timestamp, p_token_hash text,
  p_actor text, p_locale text, p_domain_max int, p_max_active int, p_scope_programme boolean,
  p_period_days int, p_audit_after jsonb, p_mail jsonb
) RETURNS TABLE ("status" text, "position" int, "refusal" text) LANGUAGE plpgsql AS
  E'#variable_conflict use_column
DECLARE
  v_taken boolean\x3b
  v_n int\x3b
  v_status "SlotBookingStatus"\x3b
BEGIN
  IF p_actor IS NULL AND p_domain_max > 0 THEN
    PERFORM pg_advisory_xact_lock(hashtext(''slots:'' || p_slot || '':'' || p_domain))\x3b
    SELECT count(*) INTO v_n FROM "SlotBooking"
    WHERE "slotId" = p_slot AND right("pupilEmail", length(p_domain) + 1) = ''@'' || p_domain
      AND "status" IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'', ''OFFERED'')\x3b
    IF v_n >= p_domain_max THEN
      RETURN QUERY SELECT NULL::text, NULL::int, ''slots.errors.domainLimit''::text\x3b
      RETURN\x3b
    END IF\x3b
  END IF\x3b
  PERFORM pg_advisory_xact_lock(hashtext(''slots:'' || p_email))\x3b
  IF EXISTS (SELECT 1 FROM "SlotBooking" WHERE "slotId" = p_slot AND "pupilEmail" = p_email AND "status" IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'', ''OFFERED'')) THEN
    RETURN QUERY SELECT NULL::text, NULL::int, ''slots.errors.duplicate''::text\x3b
    RETURN\x3b
  END IF\x3b
  SELECT count(*) INTO v_n FROM "SlotBooking" b JOIN "Slot" s ON s."id" = b."slotId"
  WHERE b."pupilEmail" = p_email AND b."organisationId" = p_org AND b."status" IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'', ''OFFERED'')
    AND (NOT p_scope_programme OR b."programmeId" = p_programme)
    AND s."startsAt" > p_starts - make_interval(days => p_period_days) AND s."startsAt" < p_starts + make_interval(days => p_period_days)\x3b
  IF v_n >= p_max_active THEN
    RETURN QUERY SELECT NULL::text, NULL::int, ''slots.errors.limitReached''::text\x3b
    RETURN\x3b
  END IF\x3b
  INSERT INTO "AuditLog" ("actorId", "action", "entityType", "entityId", "organisationId", "after", "at")
  VALUES (p_actor, ''slots.book'', ''SlotBooking'', p_id, p_org, p_audit_after, now() AT TIME ZONE ''UTC'')\x3b
  UPDATE "Slot" SET "confirmedCount" = "confirmedCount" + 1, "updatedAt" = (now() AT TIME ZONE ''UTC'')
  WHERE "id" = p_slot AND "status" = ''PUBLISHED'' AND "confirmedCount" + 1 <= "capacity"\x3b
  v_taken := FOUND\x3b
  IF NOT v_taken THEN
    PERFORM pg_advisory_xact_lock(hashtext(''waitlist:Slot:'' || p_slot))\x3b
  END IF\x3b
  v_status := CASE WHEN NOT v_taken THEN ''WAITLISTED'' WHEN p_hold_until IS NULL THEN ''CONFIRMED'' ELSE ''PENDING'' END\x3b
  INSERT INTO "SlotBooking" ("id", "slotId", "organisationId", "programmeId", "pupilName", "pupilEmail", "schoolId", "schoolOther",
                             "level", "year", "answers", "status", "waitlistedAt", "offerExpiresAt", "tokenHash", "bookedById", "locale", "createdAt", "updatedAt")
  VALUES (p_id, p_slot, p_org, p_programme, p_name, p_email, p_school, p_school_other, p_level::"PupilLevel", p_year, p_answers, v_status,
          CASE WHEN v_taken THEN NULL ELSE (clock_timestamp() AT TIME ZONE ''UTC'') END,
          CASE WHEN v_taken THEN p_hold_until END, p_token_hash, p_actor, p_locale, now() AT TIME ZONE ''UTC'', now() AT TIME ZONE ''UTC'')
  RETURNING "status" INTO v_status\x3b
  v_n := NULL\x3b
  IF v_status = ''WAITLISTED'' THEN
    SELECT count(*) INTO v_n FROM "SlotBooking" w, "SlotBooking" me
    WHERE me."id" = p_id AND w."slotId" = p_slot AND w."status" = ''WAITLISTED'' AND (w."waitlistedAt", w."id") <= (me."waitlistedAt", me."id")\x3b
  END IF\x3b
  IF p_mail IS NOT NULL AND p_mail ? v_status::text THEN
    INSERT INTO "MailOutbox" ("id", "key", "to", "subject", "text", "createdAt")
    VALUES (gen_random_uuid()::text, p_mail->>''key'', p_mail->>''to'',
            replace(p_mail->v_status::text->>''subject'', p_mail->>''placeholder'', coalesce(v_n::text, '''')),
            replace(p_mail->v_status::text->>''text'', p_mail->>''placeholder'', coalesce(v_n::text, '''')),
            now() AT TIME ZONE ''UTC'')
    ON CONFLICT ("key") DO NOTHING\x3b
  END IF\x3b
  RETURN QUERY SELECT v_status::text, v_n, NULL::text\x3b
END\x3b';
