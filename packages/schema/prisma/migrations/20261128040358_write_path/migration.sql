-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "subjectType" TEXT,
    "subjectKey" TEXT,
    "before" TEXT,
    "after" TEXT,
    CONSTRAINT "AuditEntry_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CoordinationSpace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "province" TEXT,
    "district" TEXT,
    "locality" TEXT,
    "sourceText" TEXT NOT NULL,
    "note" TEXT,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "closedOn" DATETIME,
    "closedReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "CoordinationSpace_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CoordinationSpace_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CoordinationSpace" ("district", "id", "key", "level", "locality", "name", "note", "position", "province", "regionId", "sourceId", "sourceText") SELECT "district", "id", "key", "level", "locality", "name", "note", "position", "province", "regionId", "sourceId", "sourceText" FROM "CoordinationSpace";
DROP TABLE "CoordinationSpace";
ALTER TABLE "new_CoordinationSpace" RENAME TO "CoordinationSpace";
CREATE UNIQUE INDEX "CoordinationSpace_key_key" ON "CoordinationSpace"("key");
CREATE INDEX "CoordinationSpace_regionId_level_idx" ON "CoordinationSpace"("regionId", "level");
CREATE TABLE "new_Dataset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "periodStart" DATETIME,
    "periodEnd" DATETIME,
    "pendingReason" TEXT,
    "pendingReasonEn" TEXT,
    "countsVictims" BOOLEAN NOT NULL DEFAULT false,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "Dataset_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Dataset" ("description", "descriptionEn", "id", "key", "pendingReason", "pendingReasonEn", "periodEnd", "periodStart", "position", "sourceId", "title", "titleEn", "unit") SELECT "description", "descriptionEn", "id", "key", "pendingReason", "pendingReasonEn", "periodEnd", "periodStart", "position", "sourceId", "title", "titleEn", "unit" FROM "Dataset";
DROP TABLE "Dataset";
ALTER TABLE "new_Dataset" RENAME TO "Dataset";
CREATE UNIQUE INDEX "Dataset_key_key" ON "Dataset"("key");
CREATE TABLE "new_Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "publishedOn" TEXT NOT NULL,
    "place" TEXT,
    "url" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_Document" ("id", "key", "place", "publishedOn", "publisher", "title", "url") SELECT "id", "key", "place", "publishedOn", "publisher", "title", "url" FROM "Document";
DROP TABLE "Document";
ALTER TABLE "new_Document" RENAME TO "Document";
CREATE UNIQUE INDEX "Document_key_key" ON "Document"("key");
CREATE TABLE "new_Observation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "unit" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "scope" TEXT NOT NULL,
    "regionId" TEXT,
    "area" TEXT,
    "breakdownDimension" TEXT,
    "breakdownValue" TEXT,
    "baseLabel" TEXT,
    "baseLabelEn" TEXT,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Observation_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Observation_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Observation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Observation" ("baseLabel", "baseLabelEn", "breakdownDimension", "breakdownValue", "datasetId", "id", "key", "label", "labelEn", "periodEnd", "periodStart", "position", "regionId", "scope", "sourceId", "unit", "value") SELECT "baseLabel", "baseLabelEn", "breakdownDimension", "breakdownValue", "datasetId", "id", "key", "label", "labelEn", "periodEnd", "periodStart", "position", "regionId", "scope", "sourceId", "unit", "value" FROM "Observation";
DROP TABLE "Observation";
ALTER TABLE "new_Observation" RENAME TO "Observation";
CREATE UNIQUE INDEX "Observation_key_key" ON "Observation"("key");
CREATE INDEX "Observation_datasetId_idx" ON "Observation"("datasetId");
CREATE INDEX "Observation_regionId_idx" ON "Observation"("regionId");
CREATE TABLE "new_ServiceResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "achieved" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "unitEn" TEXT NOT NULL,
    "executionRate" REAL,
    "sourceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "ServiceResult_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ServiceResult_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ServiceResult" ("achieved", "executionRate", "id", "serviceId", "sourceId", "unit", "unitEn", "year") SELECT "achieved", "executionRate", "id", "serviceId", "sourceId", "unit", "unitEn", "year" FROM "ServiceResult";
DROP TABLE "ServiceResult";
ALTER TABLE "new_ServiceResult" RENAME TO "ServiceResult";
CREATE UNIQUE INDEX "ServiceResult_serviceId_year_key" ON "ServiceResult"("serviceId", "year");
CREATE TABLE "new_Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "slide" INTEGER,
    "quote" TEXT,
    "citedWork" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Source_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Source" ("citedWork", "documentId", "id", "key", "quote", "section", "slide") SELECT "citedWork", "documentId", "id", "key", "quote", "section", "slide" FROM "Source";
DROP TABLE "Source";
ALTER TABLE "new_Source" RENAME TO "Source";
CREATE UNIQUE INDEX "Source_key_key" ON "Source"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditEntry_apiKeyId_idx" ON "AuditEntry"("apiKeyId");

-- CreateIndex
CREATE INDEX "AuditEntry_subjectType_subjectKey_idx" ON "AuditEntry"("subjectType", "subjectKey");

-- Data: the two chart-only datasets count trafficking cases and child victims. A database seeded
-- before this migration has them already; new ones get the flag from the seed.
UPDATE "Dataset" SET "countsVictims" = 1 WHERE "key" IN ('trafficking-cases-by-region-2021-2023', 'nna-victims-attended-upe-2018-2023');
