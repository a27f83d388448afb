-- CreateTable
CREATE TABLE "TransitionImportRow" (
    "importId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "cohortYear" INTEGER NOT NULL,
    "originBrin" TEXT NOT NULL,
    "originVestiging" TEXT NOT NULL,
    "originTrack" "TransitionOriginTrack" NOT NULL,
    "destinationSector" "TransitionDestination" NOT NULL,
    "destinationBrin" TEXT NOT NULL,
    "programmeCode" TEXT NOT NULL,
    "started" INTEGER NOT NULL,
    "enrolledAfterYear1" INTEGER NOT NULL,
    "switched" INTEGER NOT NULL,
    "droppedOut" INTEGER NOT NULL,
    "diplomaNominal" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransitionImportRow_pkey" PRIMARY KEY ("importId","line")
);
