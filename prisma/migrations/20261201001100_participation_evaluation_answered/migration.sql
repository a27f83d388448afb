-- An evaluation answer must not be linkable to the booking (the pupil) that gave it, nor say when it was given.
-- 1. Per booking only the fact "answered" is kept, no longer the moment. "answeredAt" stays until the next release
-- (expand/contract: the previous release still checks it while it runs), holding a fixed date instead of the moment.
ALTER TABLE "ParticipationEvaluationRequest" ADD COLUMN "answered" BOOLEAN NOT NULL DEFAULT false;
UPDATE "ParticipationEvaluationRequest" SET "answered" = true, "answeredAt" = '1970-01-01 00:00:00' WHERE "answeredAt" IS NOT NULL;

-- 2. The answers were audited per booking ("participation.evaluation.answer", entityId = the booking, in the answer's
-- own transaction: its time and its transaction id named the booking of an anonymous answer). Those entries go
-- (a sanctioned rewrite of the append-only log, like the invitation addresses' one), and every stored answer is
-- rewritten once, so its row no longer carries the transaction id it shared with them.
ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only";
DELETE FROM "AuditLog" WHERE "action" = 'participation.evaluation.answer';
ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only";
UPDATE "ParticipationEvaluation" SET "id" = "id";
