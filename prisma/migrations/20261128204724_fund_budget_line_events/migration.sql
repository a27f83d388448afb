-- CreateTable
CREATE TABLE "FundBudgetLineEvent" (
    "budgetLineId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,

    CONSTRAINT "FundBudgetLineEvent_pkey" PRIMARY KEY ("budgetLineId","eventId")
);

-- CreateIndex
CREATE INDEX "FundBudgetLineEvent_eventId_idx" ON "FundBudgetLineEvent"("eventId");

-- AddForeignKey
ALTER TABLE "FundBudgetLineEvent" ADD CONSTRAINT "FundBudgetLineEvent_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "FundBudgetLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundBudgetLineEvent" ADD CONSTRAINT "FundBudgetLineEvent_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

