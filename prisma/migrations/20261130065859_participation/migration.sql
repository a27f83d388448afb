-- CreateTable
CREATE TABLE "ParticipationPupil" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "level" "PupilLevel" NOT NULL,
    "year" INTEGER NOT NULL,
    "className" TEXT NOT NULL,
    "pupilNumber" TEXT,
    "linkHash" TEXT,
    "linkExpiresAt" TIMESTAMP(3),
    "linkSentAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParticipationPupil_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipationBooking" (
    "bookingId" TEXT NOT NULL,
    "pupilId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParticipationBooking_pkey" PRIMARY KEY ("bookingId")
);

-- CreateTable
CREATE TABLE "ParticipationCampaign" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "maxPerPupil" INTEGER NOT NULL,
    "maxPerSector" INTEGER,
    "levels" "PupilLevel"[],
    "listedOnly" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParticipationCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipationCampaignSlot" (
    "campaignId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,

    CONSTRAINT "ParticipationCampaignSlot_pkey" PRIMARY KEY ("campaignId","slotId")
);

-- CreateTable
CREATE TABLE "ParticipationCampaignSchool" (
    "campaignId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,

    CONSTRAINT "ParticipationCampaignSchool_pkey" PRIMARY KEY ("campaignId","schoolId")
);

-- CreateTable
CREATE TABLE "ParticipationReservation" (
    "id" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "places" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "releaseAt" TIMESTAMP(3) NOT NULL,
    "releasedAt" TIMESTAMP(3),
    "campaignId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParticipationReservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipationReachConsent" (
    "schoolId" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParticipationReachConsent_pkey" PRIMARY KEY ("schoolId")
);

-- CreateTable
CREATE TABLE "ParticipationReachArchive" (
    "schoolId" TEXT NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "level" "PupilLevel" NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "pupils" INTEGER NOT NULL,
    "atLeast1" INTEGER NOT NULL,
    "atLeast2" INTEGER NOT NULL,
    "atLeast3" INTEGER NOT NULL,

    CONSTRAINT "ParticipationReachArchive_pkey" PRIMARY KEY ("schoolId","schoolYear","level","year","kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "ParticipationPupil_linkHash_key" ON "ParticipationPupil"("linkHash");

-- CreateIndex
CREATE INDEX "ParticipationPupil_schoolId_schoolYear_className_idx" ON "ParticipationPupil"("schoolId", "schoolYear", "className");

-- CreateIndex
CREATE UNIQUE INDEX "ParticipationPupil_schoolId_schoolYear_email_key" ON "ParticipationPupil"("schoolId", "schoolYear", "email");

-- CreateIndex
CREATE INDEX "ParticipationBooking_pupilId_idx" ON "ParticipationBooking"("pupilId");

-- CreateIndex
CREATE INDEX "ParticipationBooking_slotId_idx" ON "ParticipationBooking"("slotId");

-- CreateIndex
CREATE INDEX "ParticipationCampaign_regionId_idx" ON "ParticipationCampaign"("regionId");

-- CreateIndex
CREATE INDEX "ParticipationCampaignSlot_slotId_idx" ON "ParticipationCampaignSlot"("slotId");

-- CreateIndex
CREATE INDEX "ParticipationReservation_releasedAt_releaseAt_idx" ON "ParticipationReservation"("releasedAt", "releaseAt");

-- CreateIndex
CREATE UNIQUE INDEX "ParticipationReservation_slotId_schoolId_key" ON "ParticipationReservation"("slotId", "schoolId");

-- AddForeignKey
ALTER TABLE "ParticipationBooking" ADD CONSTRAINT "ParticipationBooking_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "ParticipationPupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationCampaignSlot" ADD CONSTRAINT "ParticipationCampaignSlot_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ParticipationCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationCampaignSchool" ADD CONSTRAINT "ParticipationCampaignSchool_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ParticipationCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Rules of the participation domain, as functions the booking engine (server/slots/booking.ts) calls inside its
-- booking transaction: participation_take_reserved before it takes a place (a pupil of a school with reserved
-- places on the slot takes one of those over), participation_on_booking after the insert (ties the booking to the
-- pupil's class-list record and enforces the campaign rules, counting under a lock on the pupil row, so concurrent
-- bookings by one pupil cannot exceed a limit). A refusal raises 'overstap:<CODE>:<message key>[:<params>]',
-- which server/lib/errors.ts turns into a translated error. Bodies escape semicolons (WASM migration runner).
CREATE FUNCTION "participation_take_reserved"(p_slot text, p_school text) RETURNS boolean LANGUAGE plpgsql AS
  E'DECLARE r text\x3b BEGIN IF p_school IS NULL THEN RETURN false\x3b END IF\x3b UPDATE "ParticipationReservation" SET "remaining" = "remaining" - 1, "updatedAt" = (now() AT TIME ZONE ''UTC'') WHERE "slotId" = p_slot AND "schoolId" = p_school AND "releasedAt" IS NULL AND "remaining" > 0 RETURNING "id" INTO r\x3b IF r IS NULL THEN RETURN false\x3b END IF\x3b UPDATE "Slot" SET "confirmedCount" = "confirmedCount" - 1 WHERE "id" = p_slot\x3b RETURN true\x3b END\x3b';
CREATE FUNCTION "participation_on_booking"(p_booking text) RETURNS void LANGUAGE plpgsql AS
  E'DECLARE b record\x3b pid text\x3b c record\x3b n int\x3b sec text\x3b BEGIN SELECT sb."id", sb."slotId", sb."schoolId", lower(sb."pupilEmail") AS email, sb."level"::text AS level INTO b FROM "SlotBooking" sb WHERE sb."id" = p_booking\x3b IF NOT FOUND THEN RETURN\x3b END IF\x3b IF b."schoolId" IS NOT NULL AND b.email IS NOT NULL THEN SELECT p."id" INTO pid FROM "ParticipationPupil" p WHERE p."schoolId" = b."schoolId" AND p."email" = b.email ORDER BY p."schoolYear" DESC LIMIT 1 FOR UPDATE\x3b END IF\x3b IF pid IS NOT NULL THEN INSERT INTO "ParticipationBooking" ("bookingId", "pupilId", "slotId") VALUES (b."id", pid, b."slotId")\x3b ELSIF b.email IS NOT NULL THEN PERFORM pg_advisory_xact_lock(hashtext(''participation:'' || b.email))\x3b END IF\x3b FOR c IN SELECT k.* FROM "ParticipationCampaignSlot" cs JOIN "ParticipationCampaign" k ON k."id" = cs."campaignId" WHERE cs."slotId" = b."slotId" ORDER BY k."id" LOOP IF (now() AT TIME ZONE ''UTC'') < c."opensAt" OR (now() AT TIME ZONE ''UTC'') >= c."closesAt" THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.campaignClosed'' USING ERRCODE = ''P0001''\x3b END IF\x3b IF EXISTS (SELECT 1 FROM "ParticipationCampaignSchool" s WHERE s."campaignId" = c."id") AND NOT EXISTS (SELECT 1 FROM "ParticipationCampaignSchool" s WHERE s."campaignId" = c."id" AND s."schoolId" = b."schoolId") THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.schoolNotInCampaign'' USING ERRCODE = ''P0001''\x3b END IF\x3b IF cardinality(c."levels") > 0 AND NOT (b.level = ANY (c."levels"::text[])) THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.levelNotInCampaign'' USING ERRCODE = ''P0001''\x3b END IF\x3b IF c."listedOnly" AND pid IS NULL THEN RAISE EXCEPTION ''overstap:PRECONDITION:participation.errors.notListed'' USING ERRCODE = ''P0001''\x3b END IF\x3b IF pid IS NULL AND b.email IS NULL THEN CONTINUE\x3b END IF\x3b SELECT count(*) INTO n FROM "SlotBooking" x JOIN "ParticipationCampaignSlot" cs2 ON cs2."slotId" = x."slotId" AND cs2."campaignId" = c."id" WHERE x."status" IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'', ''OFFERED'') AND (CASE WHEN pid IS NOT NULL THEN EXISTS (SELECT 1 FROM "ParticipationBooking" pb WHERE pb."bookingId" = x."id" AND pb."pupilId" = pid) ELSE x."pupilEmail" = b.email END)\x3b IF n > c."maxPerPupil" THEN RAISE EXCEPTION ''%'', format(''overstap:CONFLICT:participation.errors.campaignLimit:{"max":%s}'', c."maxPerPupil") USING ERRCODE = ''P0001''\x3b END IF\x3b IF c."maxPerSector" IS NOT NULL THEN SELECT pr."sector"::text INTO sec FROM "Slot" s JOIN "SlotProgramme" pr ON pr."id" = s."programmeId" WHERE s."id" = b."slotId"\x3b SELECT count(*) INTO n FROM "SlotBooking" x JOIN "ParticipationCampaignSlot" cs2 ON cs2."slotId" = x."slotId" AND cs2."campaignId" = c."id" JOIN "SlotProgramme" pr ON pr."id" = x."programmeId" WHERE x."status" IN (''PENDING'', ''CONFIRMED'', ''WAITLISTED'', ''OFFERED'') AND pr."sector"::text = sec AND (CASE WHEN pid IS NOT NULL THEN EXISTS (SELECT 1 FROM "ParticipationBooking" pb WHERE pb."bookingId" = x."id" AND pb."pupilId" = pid) ELSE x."pupilEmail" = b.email END)\x3b IF n > c."maxPerSector" THEN RAISE EXCEPTION ''%'', format(''overstap:CONFLICT:participation.errors.campaignSectorLimit:{"max":%s}'', c."maxPerSector") USING ERRCODE = ''P0001''\x3b END IF\x3b END IF\x3b END LOOP\x3b END\x3b';
-- Guards as triggers (CHECK constraints crash Prisma's WASM engine in the drift check).
CREATE FUNCTION "participation_reservation_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."places" < 1 OR NEW."remaining" < 0 OR NEW."remaining" > NEW."places" THEN RAISE EXCEPTION ''participation: reservation % has % of % places left'', NEW."id", NEW."remaining", NEW."places" USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "ParticipationReservation_guard" BEFORE INSERT OR UPDATE ON "ParticipationReservation"
  FOR EACH ROW EXECUTE FUNCTION "participation_reservation_guard"();
CREATE FUNCTION "participation_campaign_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."maxPerPupil" < 1 OR (NEW."maxPerSector" IS NOT NULL AND NEW."maxPerSector" < 1) OR NEW."closesAt" <= NEW."opensAt" THEN RAISE EXCEPTION ''participation: campaign % has invalid rules'', NEW."id" USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "ParticipationCampaign_guard" BEFORE INSERT OR UPDATE ON "ParticipationCampaign"
  FOR EACH ROW EXECUTE FUNCTION "participation_campaign_guard"();
