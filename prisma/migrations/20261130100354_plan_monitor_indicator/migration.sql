-- AlterEnum
ALTER TYPE "PlanIndicatorKind" ADD VALUE 'MONITOR';

