import { MigrationInterface, QueryRunner } from "typeorm";

export class RegionsAuditHouseholds1795307130995 implements MigrationInterface {
    name = 'RegionsAuditHouseholds1795307130995'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_logs" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_account_id" uuid, "actor_role" character varying(32), "actor_region" character varying(15), "action" character varying(64) NOT NULL, "entity_type" character varying(32) NOT NULL, "entity_id" character varying(64), "region_code" character varying(15), "county_code" character varying(6), "before" jsonb, "after" jsonb, "request_id" character varying(64), "ip" character varying(64), CONSTRAINT "PK_1bb179d048bbc581caa3b013439" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_audit_logs_at" ON "audit_logs"  ("at") `);
        await queryRunner.query(`CREATE INDEX "IDX_audit_logs_actor" ON "audit_logs"  ("actor_account_id", "at") `);
        await queryRunner.query(`CREATE INDEX "IDX_audit_logs_entity" ON "audit_logs"  ("entity_type", "entity_id", "at") `);
        await queryRunner.query(`CREATE TABLE "regions" ("code" character varying(15) NOT NULL, "name" character varying(100) NOT NULL, "level" character varying(16) NOT NULL, "parent_code" character varying(15), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_regions_code_digits" CHECK ("code" ~ '^[0-9]{2,15}$'), CONSTRAINT "CHK_regions_level" CHECK ("level" IN ('PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID')), CONSTRAINT "PK_4f6dc5a464961e7c65a395ea4c6" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE INDEX "IDX_regions_parent_code" ON "regions"  ("parent_code") `);
        await queryRunner.query(`CREATE TABLE "households" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character varying(6) NOT NULL, "household_number" character varying(32) NOT NULL, "region_code" character varying(15) NOT NULL, "address" character varying(200) NOT NULL, "head_member_id" uuid, "phone_encrypted" text, "phone_hash" character varying(64), "household_type" character varying(32) NOT NULL, "monitoring_type" character varying(32), "risk_types" jsonb NOT NULL DEFAULT '[]', "no_labour_capacity" boolean NOT NULL DEFAULT false, "relocated" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_households_county_number" UNIQUE ("county_code", "household_number"), CONSTRAINT "UQ_households_county_id" UNIQUE ("county_code", "id"), CONSTRAINT "CHK_households_risk_types" CHECK (jsonb_typeof("risk_types") = 'array' AND jsonb_array_length("risk_types") <= 5), CONSTRAINT "CHK_households_monitoring_type" CHECK ("monitoring_type" IS NULL OR "monitoring_type" IN ('UNSTABLE_OUT_OF_POVERTY', 'MARGINAL', 'SUDDEN_HARDSHIP')), CONSTRAINT "CHK_households_type" CHECK ("household_type" IN ('ORDINARY', 'OUT_OF_POVERTY')), CONSTRAINT "CHK_households_county_of_region" CHECK ("county_code" = left("region_code", 6)), CONSTRAINT "PK_2b1aef2640717132e9231aac756" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_households_phone_hash" ON "households"  ("phone_hash") `);
        await queryRunner.query(`CREATE INDEX "IDX_households_monitoring_type" ON "households"  ("monitoring_type") `);
        await queryRunner.query(`CREATE TABLE "members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character varying(6) NOT NULL, "household_id" uuid NOT NULL, "name" character varying(50) NOT NULL, "id_number_encrypted" text NOT NULL, "id_number_hash" character varying(64) NOT NULL, "relation" character varying(16) NOT NULL, "sex" character varying(8) NOT NULL, "birth_date" date NOT NULL, "ethnicity" character varying(20), "education" character varying(16), "schooling" character varying(16), "health_encrypted" text, "labour_capacity" character varying(16), "work_place" character varying(100), "work_months" smallint, "medical_insurance" boolean NOT NULL DEFAULT false, "serious_illness_insurance" boolean NOT NULL DEFAULT false, "pension_insurance" boolean NOT NULL DEFAULT false, "safety_net" character varying(8) NOT NULL DEFAULT 'NONE', "public_welfare_job" boolean NOT NULL DEFAULT false, "phone_encrypted" text, "phone_hash" character varying(64), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_members_work_months" CHECK ("work_months" IS NULL OR "work_months" BETWEEN 0 AND 12), CONSTRAINT "CHK_members_safety_net" CHECK ("safety_net" IN ('NONE', 'DIBAO', 'TEKUN')), CONSTRAINT "CHK_members_labour_capacity" CHECK ("labour_capacity" IS NULL OR "labour_capacity" IN ('ORDINARY', 'SKILLED', 'WEAK', 'LOST', 'NONE')), CONSTRAINT "CHK_members_schooling" CHECK ("schooling" IS NULL OR "schooling" IN ('NOT_IN_SCHOOL', 'PRESCHOOL', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'HIGHER')), CONSTRAINT "CHK_members_education" CHECK ("education" IS NULL OR "education" IN ('NONE', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'COLLEGE', 'PRESCHOOL')), CONSTRAINT "CHK_members_sex" CHECK ("sex" IN ('MALE', 'FEMALE')), CONSTRAINT "CHK_members_relation" CHECK ("relation" IN ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT', 'SIBLING', 'CHILD_IN_LAW', 'OTHER')), CONSTRAINT "PK_28b53062261b996d9c99fa12404" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_members_id_number_hash" ON "members"  ("id_number_hash") `);
        await queryRunner.query(`CREATE INDEX "IDX_members_phone_hash" ON "members"  ("phone_hash") `);
        await queryRunner.query(`CREATE INDEX "IDX_members_household" ON "members"  ("county_code", "household_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_members_one_head" ON "members"  ("county_code", "household_id") WHERE "relation" = 'HEAD'`);
        await queryRunner.query(`ALTER TABLE "regions" ADD CONSTRAINT "FK_regions_parent" FOREIGN KEY ("parent_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "households" ADD CONSTRAINT "FK_households_region" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "members" ADD CONSTRAINT "FK_members_household" FOREIGN KEY ("household_id", "county_code") REFERENCES "households"("id","county_code") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // by hand: LIKE 'prefix%' uses these whatever the collation (entities declare them with synchronize: false)
        await queryRunner.query(`CREATE INDEX "IDX_regions_code_pattern" ON "regions" ("code" varchar_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "IDX_households_region_pattern" ON "households" ("region_code" varchar_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "IDX_members_name_pattern" ON "members" ("name" varchar_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "IDX_audit_logs_region_pattern" ON "audit_logs" ("region_code" varchar_pattern_ops)`);
        // by hand: the audit log is append-only for real, whatever the application does
        await queryRunner.query(`CREATE FUNCTION "audit_logs_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
        await queryRunner.query(`CREATE TRIGGER "audit_logs_append_only" BEFORE UPDATE OR DELETE ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION "audit_logs_append_only"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "audit_logs_append_only" ON "audit_logs"`);
        await queryRunner.query(`DROP FUNCTION "audit_logs_append_only"()`);
        await queryRunner.query(`DROP INDEX "public"."IDX_audit_logs_region_pattern"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_members_name_pattern"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_households_region_pattern"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_regions_code_pattern"`);
        await queryRunner.query(`ALTER TABLE "members" DROP CONSTRAINT "FK_members_household"`);
        await queryRunner.query(`ALTER TABLE "households" DROP CONSTRAINT "FK_households_region"`);
        await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "FK_regions_parent"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_members_one_head"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_members_household"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_members_phone_hash"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_members_id_number_hash"`);
        await queryRunner.query(`DROP TABLE "members"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_households_monitoring_type"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_households_phone_hash"`);
        await queryRunner.query(`DROP TABLE "households"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_regions_parent_code"`);
        await queryRunner.query(`DROP TABLE "regions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_audit_logs_entity"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_audit_logs_actor"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_audit_logs_at"`);
        await queryRunner.query(`DROP TABLE "audit_logs"`);
    }

}
