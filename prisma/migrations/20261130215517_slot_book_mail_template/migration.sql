-- Issue 17 (booking rush): the booking's mail is no longer rendered by the web process before the booking (three
-- variants per booking, ≈ 0.5 ms CPU each booking), the booking statement writes a template into the outbox instead
-- and the worker renders it when it sends (server/mail/outbox.ts: a registry of renderers, the slots domain
-- registers 'slots.booking' in server/slots/mail.ts). MailOutbox.template: {"kind", …parameters}, slot_book adds the
-- stored status and the waiting-list position ("status", "position"). Same crash-safety: the row is written in the
-- booking's own transaction, key slot-booking:<id> (unique). p_mail is now {"key", "to", "template": {…}}, the
-- earlier shape with rendered variants per status ({"key", "to", "placeholder", "PENDING": …}) is still accepted.
-- Same signature (CREATE OR REPLACE), the body is 20261130170000's but for the mail. Semicolons of the body as \x3b
-- (see 20261130133000).
ALTER TABLE "MailOutbox" ADD COLUMN "template" JSONB;

CREATE OR REPLACE FUNCTION "slot_book"(
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
  IF p_mail IS NOT NULL AND p_mail ? ''template'' THEN
    IF v_status IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'') THEN
      INSERT INTO "MailOutbox" ("id", "key", "to", "template", "createdAt")
      VALUES (gen_random_uuid()::text, p_mail->>''key'', p_mail->>''to'',
              (p_mail->''template'') || jsonb_build_object(''status'', v_status::text, ''position'', v_n),
              now() AT TIME ZONE ''UTC'')
      ON CONFLICT ("key") DO NOTHING\x3b
    END IF\x3b
  ELSIF p_mail IS NOT NULL AND p_mail ? v_status::text THEN
    INSERT INTO "MailOutbox" ("id", "key", "to", "subject", "text", "createdAt")
    VALUES (gen_random_uuid()::text, p_mail->>''key'', p_mail->>''to'',
            replace(p_mail->v_status::text->>''subject'', p_mail->>''placeholder'', coalesce(v_n::text, '''')),
            replace(p_mail->v_status::text->>''text'', p_mail->>''placeholder'', coalesce(v_n::text, '''')),
            now() AT TIME ZONE ''UTC'')
    ON CONFLICT ("key") DO NOTHING\x3b
  END IF\x3b
  RETURN QUERY SELECT v_status::text, v_n, NULL::text\x3b
END\x3b';
