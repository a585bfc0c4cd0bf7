import { MigrationInterface, QueryRunner } from "typeorm";

export class Accounts1795307056227 implements MigrationInterface {
    name = 'Accounts1795307056227'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64), "display_name" character varying(64) NOT NULL, "role" character varying(32) NOT NULL, "region_code" character varying(15), "password_hash" character varying(255), "failed_login_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "wechat_openid" character varying(64), "wechat_unionid" character varying(64), "wecom_userid" character varying(64), "phone_encrypted" text, "phone_hash" character varying(64), "household_id" uuid, "member_id" uuid, "bound_at" TIMESTAMP WITH TIME ZONE, "is_active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_accounts_binding" CHECK (("household_id" IS NULL) = ("member_id" IS NULL)), CONSTRAINT "CHK_accounts_cadre_region" CHECK ("role" = 'CITIZEN' OR "region_code" IS NOT NULL), CONSTRAINT "CHK_accounts_role" CHECK ("role" IN ('CITIZEN', 'GRID_WORKER', 'VILLAGE_CADRE', 'TOWNSHIP_REVIEWER', 'COUNTY_OFFICER', 'DEPARTMENT_OPERATOR', 'ADMIN')), CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_accounts_username" ON "accounts"  ("username") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_accounts_wechat_openid" ON "accounts"  ("wechat_openid") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_accounts_wecom_userid" ON "accounts"  ("wecom_userid") `);
        await queryRunner.query(`CREATE INDEX "IDX_accounts_phone_hash" ON "accounts"  ("phone_hash") `);
        await queryRunner.query(`CREATE INDEX "IDX_accounts_member_id" ON "accounts"  ("member_id") `);
        await queryRunner.query(`CREATE TABLE "auth_sessions" ("id" uuid NOT NULL, "account_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), "user_agent" character varying(512), "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_auth_sessions_account_id" ON "auth_sessions"  ("account_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_auth_sessions_token_hash" ON "auth_sessions"  ("token_hash") `);
        await queryRunner.query(`CREATE INDEX "IDX_auth_sessions_family_live" ON "auth_sessions"  ("family_id", "revoked_at") `);
        await queryRunner.query(`CREATE TABLE "binding_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "ip" character varying(64) NOT NULL, "succeeded" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_728d5d5c9e5744912e97a0dc842" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_binding_attempts_ip_time" ON "binding_attempts"  ("ip", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_binding_attempts_account_time" ON "binding_attempts"  ("account_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_auth_sessions_account" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // by hand: LIKE 'prefix%' on region_code uses an index whatever the collation (Account entity, synchronize: false)
        await queryRunner.query(`CREATE INDEX "IDX_accounts_region_pattern" ON "accounts" ("region_code" varchar_pattern_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_accounts_region_pattern"`);
        await queryRunner.query(`ALTER TABLE "auth_sessions" DROP CONSTRAINT "FK_auth_sessions_account"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_binding_attempts_account_time"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_binding_attempts_ip_time"`);
        await queryRunner.query(`DROP TABLE "binding_attempts"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_auth_sessions_family_live"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_auth_sessions_token_hash"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_auth_sessions_account_id"`);
        await queryRunner.query(`DROP TABLE "auth_sessions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_accounts_member_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_accounts_phone_hash"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_accounts_wecom_userid"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_accounts_wechat_openid"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_accounts_username"`);
        await queryRunner.query(`DROP TABLE "accounts"`);
    }

}
