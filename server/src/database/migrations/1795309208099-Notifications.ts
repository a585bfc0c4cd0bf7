import { MigrationInterface, QueryRunner } from "typeorm";

export class Notifications1795309208099 implements MigrationInterface {
    name = 'Notifications1795309208099'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_account_id" uuid NOT NULL, "county_code" character varying(6), "kind" character varying(64) NOT NULL, "title" character varying(100) NOT NULL, "body" character varying(1000) NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_notifications_data" CHECK (jsonb_typeof("data") = 'object'), CONSTRAINT "CHK_notifications_kind" CHECK ("kind" ~ '^[a-z][a-z0-9-]*([.][a-z][a-z0-9-]*)+$'), CONSTRAINT "CHK_notifications_county_code" CHECK ("county_code" IS NULL OR "county_code" ~ '^[0-9]{6}$'), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_notifications_recipient_unread" ON "notifications"  ("recipient_account_id") WHERE "read_at" IS NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_notifications_recipient_created" ON "notifications"  ("recipient_account_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" uuid NOT NULL, "channel" character varying(24) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "claim_token" uuid, "last_error" character varying(500), "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_notification_deliveries_channel" UNIQUE ("notification_id", "channel"), CONSTRAINT "CHK_notification_deliveries_sent_at" CHECK (("status" = 'SENT') = ("sent_at" IS NOT NULL)), CONSTRAINT "CHK_notification_deliveries_attempts" CHECK ("attempts" >= 0), CONSTRAINT "CHK_notification_deliveries_status" CHECK ("status" IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')), CONSTRAINT "CHK_notification_deliveries_channel" CHECK ("channel" IN ('IN_APP', 'WECHAT_SUBSCRIBE', 'WECOM')), CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_notification_deliveries_due" ON "notification_deliveries"  ("next_attempt_at") WHERE "status" = 'PENDING'`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_notifications_recipient" FOREIGN KEY ("recipient_account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notification_deliveries" ADD CONSTRAINT "FK_notification_deliveries_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP CONSTRAINT "FK_notification_deliveries_notification"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_notifications_recipient"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notification_deliveries_due"`);
        await queryRunner.query(`DROP TABLE "notification_deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notifications_recipient_created"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notifications_recipient_unread"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
    }

}
