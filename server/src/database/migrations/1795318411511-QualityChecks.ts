import { MigrationInterface, QueryRunner } from "typeorm";

export class QualityChecks1795318411511 implements MigrationInterface {
    name = 'QualityChecks1795318411511'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "quality_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(15) NOT NULL, "run_date" date NOT NULL, "trigger" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "recheck_id_numbers" boolean NOT NULL DEFAULT false, "attempt" integer NOT NULL DEFAULT '1', "requested_by" uuid, "counties_total" integer NOT NULL DEFAULT '0', "counties_done" integer NOT NULL DEFAULT '0', "counts" jsonb NOT NULL DEFAULT '{}', "total" integer NOT NULL DEFAULT '0', "id_numbers_rechecked" integer NOT NULL DEFAULT '0', "error" text, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_quality_runs_region_date_trigger" UNIQUE ("region_code", "run_date", "trigger"), CONSTRAINT "CHK_quality_runs_region" CHECK ("region_code" ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})?$'), CONSTRAINT "CHK_quality_runs_trigger" CHECK ("trigger" IN ('MANUAL', 'MONTHLY')), CONSTRAINT "CHK_quality_runs_status" CHECK ("status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')), CONSTRAINT "PK_c6c6f8cc94b67c91101e7a13897" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_quality_runs_created" ON "quality_runs"  ("created_at") `);
        await queryRunner.query(`CREATE TABLE "quality_findings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "county_code" character varying(6) NOT NULL, "region_code" character varying(15) NOT NULL, "household_id" uuid NOT NULL, "household_number" character varying(32) NOT NULL, "check_code" character varying(40) NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_quality_findings_county_run_household_check" UNIQUE ("county_code", "run_id", "household_id", "check_code"), CONSTRAINT "CHK_quality_findings_region" CHECK ("county_code" = left("region_code", 6)), CONSTRAINT "PK_9a24d47903f39c1691c14c85f9c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_quality_findings_run_region" ON "quality_findings"  ("run_id", "region_code", "household_number", "check_code") `);
        await queryRunner.query(`ALTER TABLE "quality_findings" ADD CONSTRAINT "FK_quality_findings_run" FOREIGN KEY ("run_id") REFERENCES "quality_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "quality_findings" ADD CONSTRAINT "FK_quality_findings_household" FOREIGN KEY ("household_id", "county_code") REFERENCES "households"("id","county_code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "quality_findings" DROP CONSTRAINT "FK_quality_findings_household"`);
        await queryRunner.query(`ALTER TABLE "quality_findings" DROP CONSTRAINT "FK_quality_findings_run"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_quality_findings_run_region"`);
        await queryRunner.query(`DROP TABLE "quality_findings"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_quality_runs_created"`);
        await queryRunner.query(`DROP TABLE "quality_runs"`);
    }

}
