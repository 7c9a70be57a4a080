-- CreateTable
CREATE TABLE "Publication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "note" TEXT
);

-- CreateTable
CREATE TABLE "DatasetVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicationId" INTEGER NOT NULL,
    "datasetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "DatasetVersion_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ObservationRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicationId" INTEGER NOT NULL,
    "observationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
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
    CONSTRAINT "ObservationRevision_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceResultRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicationId" INTEGER NOT NULL,
    "serviceResultId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "serviceId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "achieved" INTEGER NOT NULL,
    "executionRate" REAL,
    "unit" TEXT NOT NULL,
    "unitEn" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    CONSTRAINT "ServiceResultRevision_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DatasetVersion_publicationId_idx" ON "DatasetVersion"("publicationId");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetVersion_datasetId_version_key" ON "DatasetVersion"("datasetId", "version");

-- CreateIndex
CREATE INDEX "ObservationRevision_observationId_idx" ON "ObservationRevision"("observationId");

-- CreateIndex
CREATE INDEX "ObservationRevision_publicationId_idx" ON "ObservationRevision"("publicationId");

-- CreateIndex
CREATE INDEX "ServiceResultRevision_serviceResultId_idx" ON "ServiceResultRevision"("serviceResultId");

-- CreateIndex
CREATE INDEX "ServiceResultRevision_publicationId_idx" ON "ServiceResultRevision"("publicationId");
