import { MigrationInterface, QueryRunner } from "typeorm";

export class PlatformSettingsFilesIdempotency1795309070251 implements MigrationInterface {
    name = 'PlatformSettingsFilesIdempotency1795309070251'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "calendar_days" ("date" date NOT NULL, "kind" character varying(16) NOT NULL, "name" character varying(50) NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_calendar_days_kind" CHECK ("kind" IN ('HOLIDAY', 'WORKDAY')), CONSTRAINT "PK_1c04d56e8833eb6827f104f17e0" PRIMARY KEY ("date"))`);
        await queryRunner.query(`CREATE TABLE "monitoring_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(6) NOT NULL, "year" smallint NOT NULL, "amount" integer NOT NULL, "note" character varying(200), "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_monitoring_lines_region_year" UNIQUE ("region_code", "year"), CONSTRAINT "CHK_monitoring_lines_amount" CHECK ("amount" > 0), CONSTRAINT "CHK_monitoring_lines_year" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "CHK_monitoring_lines_region" CHECK ("region_code" ~ '^[0-9]{2}([0-9]{2}){0,2}$'), CONSTRAINT "PK_878e4f3eb07a90ed94baa7269ef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "workflow_settings" ("region_code" character varying(6) NOT NULL, "key" character varying(64) NOT NULL, "value" integer NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_workflow_settings_value" CHECK ("value" > 0), CONSTRAINT "CHK_workflow_settings_key" CHECK ("key" IN ('decisionDays', 'analysisWorkingDays', 'minNoticeDays', 'escalateAfterDays', 'ticketAckWorkingDays')), CONSTRAINT "CHK_workflow_settings_region" CHECK ("region_code" ~ '^[0-9]{2}([0-9]{2}){0,2}$'), CONSTRAINT "PK_2f21610762b01c155dbc7cdd1af" PRIMARY KEY ("region_code", "key"))`);
        await queryRunner.query(`CREATE TABLE "idempotency_keys" ("account_id" uuid NOT NULL, "key" character varying(128) NOT NULL, "scope" character varying(64) NOT NULL, "request_hash" character varying(64) NOT NULL, "response_status" smallint, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_797bef48c094807d04973d995e9" PRIMARY KEY ("account_id", "key"))`);
        await queryRunner.query(`CREATE INDEX "IDX_idempotency_keys_expires_at" ON "idempotency_keys"  ("expires_at") `);
        await queryRunner.query(`CREATE TABLE "stored_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_account_id" uuid NOT NULL, "mime" character varying(64) NOT NULL, "size" integer NOT NULL, "sha256" character varying(64) NOT NULL, "original_name" character varying(255) NOT NULL, "attached_entity_type" character varying(32), "attached_entity_id" character varying(64), "region_code" character varying(15), "county_code" character varying(6), "attached_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_stored_files_size" CHECK ("size" >= 0), CONSTRAINT "CHK_stored_files_county_of_region" CHECK ("county_code" IS NULL OR "county_code" = left("region_code", 6)), CONSTRAINT "CHK_stored_files_attachment" CHECK (("attached_entity_type" IS NULL AND "attached_entity_id" IS NULL AND "region_code" IS NULL AND "attached_at" IS NULL)
   OR ("attached_entity_type" IS NOT NULL AND "attached_entity_id" IS NOT NULL AND "region_code" IS NOT NULL AND "attached_at" IS NOT NULL)), CONSTRAINT "PK_5d5be862bf53851c1794b4adf4e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_stored_files_sha256" ON "stored_files"  ("sha256") `);
        await queryRunner.query(`CREATE INDEX "IDX_stored_files_owner" ON "stored_files"  ("owner_account_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_stored_files_attached" ON "stored_files"  ("attached_entity_type", "attached_entity_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_stored_files_attached"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_stored_files_owner"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_stored_files_sha256"`);
        await queryRunner.query(`DROP TABLE "stored_files"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_idempotency_keys_expires_at"`);
        await queryRunner.query(`DROP TABLE "idempotency_keys"`);
        await queryRunner.query(`DROP TABLE "workflow_settings"`);
        await queryRunner.query(`DROP TABLE "monitoring_lines"`);
        await queryRunner.query(`DROP TABLE "calendar_days"`);
    }

}
