import { MigrationInterface, QueryRunner } from "typeorm";

export class Cases1795309402068 implements MigrationInterface {
    name = 'Cases1795309402068'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character varying(6) NOT NULL, "case_number" character varying(32) NOT NULL, "kind" character varying(16) NOT NULL DEFAULT 'IDENTIFICATION', "source" character varying(24) NOT NULL, "status" character varying(24) NOT NULL, "version" integer NOT NULL DEFAULT '1', "household_id" uuid, "region_code" character varying(15) NOT NULL, "subject_name" character varying(50), "proposed_address" character varying(200), "difficulty_kind" character varying(16), "description" text NOT NULL, "suggested_risk_types" jsonb NOT NULL DEFAULT '[]', "contact_phone_encrypted" text, "contact_phone_hash" character varying(64), "consent_accepted_at" TIMESTAMP WITH TIME ZONE, "consent_version" character varying(32), "claimant_account_id" uuid, "proxy_relation" character varying(32), "subject_phone_encrypted" text, "subject_id_number_encrypted" text, "subject_id_number_hash" character varying(64), "created_by_account_id" uuid, "assigned_account_id" uuid, "intake_at" TIMESTAMP WITH TIME ZONE NOT NULL, "intake_date" date NOT NULL, "analysis_due_date" date NOT NULL, "due_date" date NOT NULL, "escalate_at" TIMESTAMP WITH TIME ZONE NOT NULL, "escalated_at" TIMESTAMP WITH TIME ZONE, "escalation_level" character varying(16), "analysis" jsonb, "survey" jsonb, "publicity" jsonb, "township_review" jsonb, "county_decision" jsonb, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_cases_county_number" UNIQUE ("county_code", "case_number"), CONSTRAINT "UQ_cases_county_id" UNIQUE ("county_code", "id"), CONSTRAINT "CHK_cases_version" CHECK ("version" >= 1), CONSTRAINT "CHK_cases_suggested_risk_types" CHECK (jsonb_typeof("suggested_risk_types") = 'array'), CONSTRAINT "CHK_cases_escalation_level" CHECK ("escalation_level" IS NULL OR "escalation_level" IN ('TOWNSHIP', 'COUNTY')), CONSTRAINT "CHK_cases_difficulty_kind" CHECK ("difficulty_kind" IS NULL OR "difficulty_kind" IN ('LIVING', 'EMPLOYMENT', 'EDUCATION', 'MEDICAL', 'HOUSING', 'WATER')), CONSTRAINT "CHK_cases_source" CHECK ("source" IN ('SELF', 'PROXY', 'SCREENING', 'DEPARTMENT_WARNING', 'HOTLINE', 'CADRE')), CONSTRAINT "CHK_cases_kind" CHECK ("kind" IN ('IDENTIFICATION', 'ELIMINATION')), CONSTRAINT "CHK_cases_status" CHECK ("status" IN ('DECLARED', 'SURVEYING', 'SURVEYED', 'PUBLICIZING', 'TOWNSHIP_REVIEW', 'COUNTY_DECISION', 'IDENTIFIED', 'DISMISSED', 'REJECTED', 'WITHDRAWN', 'ELIMINATED', 'NOT_ELIMINATED')), CONSTRAINT "CHK_cases_region_level" CHECK (length("region_code") IN (12, 15)), CONSTRAINT "CHK_cases_county_of_region" CHECK ("county_code" = left("region_code", 6)), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_cases_escalate_at" ON "cases"  ("escalate_at") WHERE "closed_at" IS NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_cases_assigned" ON "cases"  ("assigned_account_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_cases_status_due" ON "cases"  ("county_code", "status", "due_date") `);
        await queryRunner.query(`CREATE INDEX "IDX_cases_claimant" ON "cases"  ("claimant_account_id", "intake_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_cases_open_household" ON "cases"  ("county_code", "household_id", "kind") WHERE "closed_at" IS NULL AND "household_id" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_cases_household" ON "cases"  ("county_code", "household_id") `);
        // by hand: the cadre's prefix scope (LIKE '530129103%') and the case numbers (a sequence never blocks intakes)
        await queryRunner.query(`CREATE INDEX "IDX_cases_region_pattern" ON "cases" ("region_code" varchar_pattern_ops)`);
        await queryRunner.query(`CREATE SEQUENCE "case_number_seq" AS bigint`);
        await queryRunner.query(`CREATE TABLE "case_events" ("id" BIGSERIAL NOT NULL, "county_code" character varying(6) NOT NULL, "case_id" uuid NOT NULL, "actor_account_id" uuid, "actor_role" character varying(32), "action" character varying(32) NOT NULL, "from_status" character varying(24), "to_status" character varying(24) NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_case_events_county_id" UNIQUE ("county_code", "id"), CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_case_events_case" ON "case_events"  ("county_code", "case_id", "id") `);
        await queryRunner.query(`ALTER TABLE "households" ADD "identified_month" character varying(7)`);
        await queryRunner.query(`ALTER TABLE "households" ADD CONSTRAINT "CHK_households_identified_month" CHECK ("identified_month" IS NULL OR "identified_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_household" FOREIGN KEY ("household_id", "county_code") REFERENCES "households"("id","county_code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_region" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_claimant" FOREIGN KEY ("claimant_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "FK_case_events_case" FOREIGN KEY ("case_id", "county_code") REFERENCES "cases"("id","county_code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "FK_case_events_case"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_claimant"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_region"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_household"`);
        await queryRunner.query(`ALTER TABLE "households" DROP CONSTRAINT "CHK_households_identified_month"`);
        await queryRunner.query(`ALTER TABLE "households" DROP COLUMN "identified_month"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_case_events_case"`);
        await queryRunner.query(`DROP TABLE "case_events"`);
        await queryRunner.query(`DROP SEQUENCE "case_number_seq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cases_region_pattern"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cases_household"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_cases_open_household"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cases_claimant"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cases_status_due"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cases_assigned"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cases_escalate_at"`);
        await queryRunner.query(`DROP TABLE "cases"`);
    }

}
