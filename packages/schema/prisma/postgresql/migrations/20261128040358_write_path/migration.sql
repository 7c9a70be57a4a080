-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('VIEWER', 'EDITOR', 'ADMIN');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ObservationScope" ADD VALUE 'PROVINCE';
ALTER TYPE "ObservationScope" ADD VALUE 'DISTRICT';

-- AlterTable
ALTER TABLE "CoordinationSpace" ADD COLUMN     "closedOn" TIMESTAMP(3),
ADD COLUMN     "closedReason" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "countsVictims" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Observation" ADD COLUMN     "area" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ServiceResult" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "ApiKeyRole" NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "subjectType" TEXT,
    "subjectKey" TEXT,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEntry_apiKeyId_idx" ON "AuditEntry"("apiKeyId");

-- CreateIndex
CREATE INDEX "AuditEntry_subjectType_subjectKey_idx" ON "AuditEntry"("subjectType", "subjectKey");

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Data: the two chart-only datasets count trafficking cases and child victims. A database seeded
-- before this migration has them already; new ones get the flag from the seed.
UPDATE "Dataset" SET "countsVictims" = true WHERE "key" IN ('trafficking-cases-by-region-2021-2023', 'nna-victims-attended-upe-2018-2023');
