-- CreateTable
CREATE TABLE "Publication" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetVersion" (
    "id" SERIAL NOT NULL,
    "publicationId" INTEGER NOT NULL,
    "datasetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "DatasetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ObservationRevision" (
    "id" SERIAL NOT NULL,
    "publicationId" INTEGER NOT NULL,
    "observationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "withdrawn" BOOLEAN NOT NULL DEFAULT false,
    "key" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "scope" "ObservationScope" NOT NULL,
    "regionId" TEXT,
    "area" TEXT,
    "breakdownDimension" TEXT,
    "breakdownValue" TEXT,
    "baseLabel" TEXT,
    "baseLabelEn" TEXT,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ObservationRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceResultRevision" (
    "id" SERIAL NOT NULL,
    "publicationId" INTEGER NOT NULL,
    "serviceResultId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "serviceId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "achieved" INTEGER NOT NULL,
    "executionRate" DOUBLE PRECISION,
    "unit" TEXT NOT NULL,
    "unitEn" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,

    CONSTRAINT "ServiceResultRevision_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "DatasetVersion" ADD CONSTRAINT "DatasetVersion_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservationRevision" ADD CONSTRAINT "ObservationRevision_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceResultRevision" ADD CONSTRAINT "ServiceResultRevision_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
