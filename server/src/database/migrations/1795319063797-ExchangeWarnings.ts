import { MigrationInterface, QueryRunner } from "typeorm";

export class ExchangeWarnings1795319063797 implements MigrationInterface {
    name = 'ExchangeWarnings1795319063797'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "exchange_datasets" ("code" character varying(40) NOT NULL, "department" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "columns" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_exchange_datasets_columns" CHECK (jsonb_typeof("columns") = 'array'), CONSTRAINT "CHK_exchange_datasets_department" CHECK ("department" IN ('CIVIL_AFFAIRS', 'HUMAN_RESOURCES', 'EDUCATION', 'HEALTH', 'MEDICAL_INSURANCE', 'HOUSING', 'WATER', 'PUBLIC_SECURITY', 'DISABLED_FEDERATION', 'EMERGENCY')), CONSTRAINT "PK_a67e781616cd004e88f7872ca35" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "exchange_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dataset" character varying(40) NOT NULL, "department" character varying(32) NOT NULL, "month" character varying(7) NOT NULL, "sender_key" character varying(64) NOT NULL, "sender_batch_id" character varying(100), "sender_account_id" uuid, "api_key_id" uuid, "sender_region" character varying(15) NOT NULL DEFAULT '', "format" character varying(8) NOT NULL, "encoding" character varying(16), "file_name" character varying(255) NOT NULL, "sha256" character varying(64) NOT NULL, "total_bytes" bigint NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'QUEUED', "received_count" integer NOT NULL DEFAULT '0', "valid_count" integer NOT NULL DEFAULT '0', "invalid_count" integer NOT NULL DEFAULT '0', "matched_count" integer NOT NULL DEFAULT '0', "unmatched_count" integer NOT NULL DEFAULT '0', "warning_count" integer NOT NULL DEFAULT '0', "rows_processed" integer NOT NULL DEFAULT '0', "bytes_processed" bigint NOT NULL DEFAULT '0', "staged_at" TIMESTAMP WITH TIME ZONE, "applied_rules" jsonb, "attempts" integer NOT NULL DEFAULT '0', "error" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_exchange_batches_month" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "CHK_exchange_batches_format" CHECK ("format" IN ('CSV', 'XLSX', 'JSON')), CONSTRAINT "CHK_exchange_batches_status" CHECK ("status" IN ('QUEUED', 'PARSING', 'MATCHING', 'DONE', 'FAILED')), CONSTRAINT "PK_f16973d547b0baf3e55a19a6300" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_exchange_batches_unfinished" ON "exchange_batches"  ("status") WHERE "status" IN ('QUEUED', 'PARSING', 'MATCHING')`);
        await queryRunner.query(`CREATE INDEX "IDX_exchange_batches_department" ON "exchange_batches"  ("department", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_exchange_batches_sender_batch" ON "exchange_batches"  ("sender_key", "sender_batch_id") WHERE "sender_batch_id" IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_exchange_batches_dataset_sha256" ON "exchange_batches"  ("dataset", "sha256") `);
        await queryRunner.query(`CREATE TABLE "exchange_records" ("id" BIGSERIAL NOT NULL, "batch_id" uuid NOT NULL, "row_number" integer NOT NULL, "id_hash" character varying(64) NOT NULL, "id_encrypted" text NOT NULL, "id_masked" character varying(24) NOT NULL, "name" character varying(50) NOT NULL DEFAULT '', "fields" jsonb NOT NULL, "member_id" uuid, "household_id" uuid, "county_code" character varying(6), "region_code" character varying(15), CONSTRAINT "PK_07e4eef7e3e87f221457ac56fa3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_exchange_records_batch_row" ON "exchange_records"  ("batch_id", "row_number") `);
        await queryRunner.query(`CREATE TABLE "exchange_row_errors" ("id" BIGSERIAL NOT NULL, "batch_id" uuid NOT NULL, "row_number" integer NOT NULL, "problems" jsonb NOT NULL, "row" jsonb NOT NULL, CONSTRAINT "PK_f4325677c4401152a2f26609289" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_exchange_row_errors_batch_row" ON "exchange_row_errors"  ("batch_id", "row_number") `);
        await queryRunner.query(`CREATE TABLE "exchange_api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "department" character varying(32) NOT NULL, "datasets" jsonb NOT NULL, "region_code" character varying(15) NOT NULL, "key_prefix" character varying(16) NOT NULL, "key_hash" character varying(64) NOT NULL, "created_by_account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by_account_id" uuid, CONSTRAINT "CHK_exchange_api_keys_datasets" CHECK (jsonb_typeof("datasets") = 'array'), CONSTRAINT "CHK_exchange_api_keys_department" CHECK ("department" IN ('CIVIL_AFFAIRS', 'HUMAN_RESOURCES', 'EDUCATION', 'HEALTH', 'MEDICAL_INSURANCE', 'HOUSING', 'WATER', 'PUBLIC_SECURITY', 'DISABLED_FEDERATION', 'EMERGENCY')), CONSTRAINT "PK_3751a8a0ef5354b32b06ea43983" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_exchange_api_keys_hash" ON "exchange_api_keys"  ("key_hash") `);
        await queryRunner.query(`CREATE TABLE "warning_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(60) NOT NULL, "dataset" character varying(40) NOT NULL, "name" character varying(100) NOT NULL, "condition" jsonb NOT NULL, "severity" character varying(8) NOT NULL, "risk_type" character varying(32) NOT NULL, "region_code" character varying(15) NOT NULL DEFAULT '', "valid_from" date NOT NULL, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "updated_by_account_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_warning_rules_condition" CHECK (jsonb_typeof("condition") = 'object'), CONSTRAINT "CHK_warning_rules_risk_type" CHECK ("risk_type" IN ('ILLNESS', 'DISABILITY', 'SCHOOLING', 'NATURAL_DISASTER', 'ACCIDENT', 'BUSINESS_FAILURE', 'UNSTABLE_EMPLOYMENT', 'LACK_OF_LABOUR', 'HOUSING_SAFETY', 'DRINKING_WATER', 'OTHER')), CONSTRAINT "CHK_warning_rules_severity" CHECK ("severity" IN ('HIGH', 'MEDIUM', 'LOW')), CONSTRAINT "PK_eb58ba1ec6b5a1a0a120b84f756" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_warning_rules_code" ON "warning_rules"  ("code") `);
        await queryRunner.query(`CREATE INDEX "IDX_warning_rules_dataset" ON "warning_rules"  ("dataset", "active") `);
        await queryRunner.query(`CREATE TABLE "warnings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character varying(6) NOT NULL, "region_code" character varying(15) NOT NULL, "household_id" uuid NOT NULL, "member_id" uuid, "rule_id" uuid NOT NULL, "rule_version" integer NOT NULL, "dataset" character varying(40) NOT NULL, "batch_id" uuid NOT NULL, "record_id" bigint NOT NULL, "row_number" integer NOT NULL, "month" character varying(7) NOT NULL, "severity" character varying(8) NOT NULL, "risk_type" character varying(32) NOT NULL, "evidence" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'NEW', "dismiss_reason" character varying(500), "case_id" uuid, "handled_by_account_id" uuid, "handled_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_warnings_dismissed" CHECK ("status" <> 'DISMISSED' OR "dismiss_reason" IS NOT NULL), CONSTRAINT "CHK_warnings_county_of_region" CHECK ("county_code" = left("region_code", 6)), CONSTRAINT "CHK_warnings_risk_type" CHECK ("risk_type" IN ('ILLNESS', 'DISABILITY', 'SCHOOLING', 'NATURAL_DISASTER', 'ACCIDENT', 'BUSINESS_FAILURE', 'UNSTABLE_EMPLOYMENT', 'LACK_OF_LABOUR', 'HOUSING_SAFETY', 'DRINKING_WATER', 'OTHER')), CONSTRAINT "CHK_warnings_severity" CHECK ("severity" IN ('HIGH', 'MEDIUM', 'LOW')), CONSTRAINT "CHK_warnings_status" CHECK ("status" IN ('NEW', 'VERIFYING', 'DISMISSED', 'CASE_OPENED')), CONSTRAINT "PK_90d86ac75b7dcd1e29e9755e78e" PRIMARY KEY ("id"))`);
        // by hand: the cadre's prefix scope (LIKE '530129103201%') needs varchar_pattern_ops unless the collation is C
        await queryRunner.query(`CREATE INDEX "IDX_warnings_region_pattern" ON "warnings" ("region_code" varchar_pattern_ops, "status")`);
        await queryRunner.query(`CREATE INDEX "IDX_warnings_county_status" ON "warnings"  ("county_code", "status", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_warnings_household" ON "warnings"  ("county_code", "household_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_warnings_batch" ON "warnings"  ("batch_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_warnings_open" ON "warnings"  ("county_code", "household_id", "rule_id", "month") WHERE "status" IN ('NEW', 'VERIFYING')`);
        await queryRunner.query(`ALTER TABLE "accounts" ADD "department" character varying(32)`);
        await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "CHK_accounts_department" CHECK ("department" IS NULL OR "department" IN ('CIVIL_AFFAIRS', 'HUMAN_RESOURCES', 'EDUCATION', 'HEALTH', 'MEDICAL_INSURANCE', 'HOUSING', 'WATER', 'PUBLIC_SECURITY', 'DISABLED_FEDERATION', 'EMERGENCY'))`);
        await queryRunner.query(`ALTER TABLE "exchange_batches" ADD CONSTRAINT "FK_exchange_batches_dataset" FOREIGN KEY ("dataset") REFERENCES "exchange_datasets"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "warning_rules" ADD CONSTRAINT "FK_warning_rules_dataset" FOREIGN KEY ("dataset") REFERENCES "exchange_datasets"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "warning_rules" DROP CONSTRAINT "FK_warning_rules_dataset"`);
        await queryRunner.query(`ALTER TABLE "exchange_batches" DROP CONSTRAINT "FK_exchange_batches_dataset"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "CHK_accounts_department"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "department"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_warnings_region_pattern"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_warnings_open"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_warnings_batch"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_warnings_household"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_warnings_county_status"`);
        await queryRunner.query(`DROP TABLE "warnings"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_warning_rules_dataset"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_warning_rules_code"`);
        await queryRunner.query(`DROP TABLE "warning_rules"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_exchange_api_keys_hash"`);
        await queryRunner.query(`DROP TABLE "exchange_api_keys"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_exchange_row_errors_batch_row"`);
        await queryRunner.query(`DROP TABLE "exchange_row_errors"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_exchange_records_batch_row"`);
        await queryRunner.query(`DROP TABLE "exchange_records"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_exchange_batches_dataset_sha256"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_exchange_batches_sender_batch"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_exchange_batches_department"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_exchange_batches_unfinished"`);
        await queryRunner.query(`DROP TABLE "exchange_batches"`);
        await queryRunner.query(`DROP TABLE "exchange_datasets"`);
    }

}
