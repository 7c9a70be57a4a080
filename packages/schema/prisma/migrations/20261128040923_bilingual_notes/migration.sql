-- AlterTable
ALTER TABLE "CoordinationSpace" ADD COLUMN "noteEn" TEXT;

-- AlterTable
ALTER TABLE "Entity" ADD COLUMN "noteEn" TEXT;
