import { MigrationInterface, QueryRunner } from "typeorm";

export class NoticesTickets1795309285432 implements MigrationInterface {
    name = 'NoticesTickets1795309285432'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character varying(6) NOT NULL, "village_code" character varying(12) NOT NULL, "case_id" uuid NOT NULL, "household_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "case_kind" character varying(16) NOT NULL DEFAULT 'IDENTIFICATION', "title" character varying(100) NOT NULL, "subject_name_masked" character varying(50) NOT NULL, "household_size" smallint NOT NULL, "monitoring_type" character varying(32), "decision" character varying(16), "reason_brief" character varying(200) NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_notices_county_id" UNIQUE ("county_code", "id"), CONSTRAINT "CHK_notices_household_size" CHECK ("household_size" >= 0), CONSTRAINT "CHK_notices_monitoring_type" CHECK ("monitoring_type" IS NULL OR "monitoring_type" IN ('UNSTABLE_OUT_OF_POVERTY', 'MARGINAL', 'SUDDEN_HARDSHIP')), CONSTRAINT "CHK_notices_decision" CHECK (("kind" = 'RESULT') = ("decision" IS NOT NULL) AND ("decision" IS NULL OR "decision" IN ('CONFIRMED', 'REJECTED'))), CONSTRAINT "CHK_notices_period" CHECK ("end_date" >= "start_date"), CONSTRAINT "CHK_notices_county_of_village" CHECK ("county_code" = left("village_code", 6) AND length("village_code") = 12), CONSTRAINT "CHK_notices_case_kind" CHECK ("case_kind" IN ('IDENTIFICATION', 'ELIMINATION')), CONSTRAINT "CHK_notices_kind" CHECK ("kind" IN ('PUBLICITY', 'RESULT')), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_notices_village_start" ON "notices"  ("village_code", "start_date") `);
        await queryRunner.query(`CREATE INDEX "IDX_notices_case" ON "notices"  ("case_id", "kind") `);
        await queryRunner.query(`CREATE TABLE "notice_objections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character varying(6) NOT NULL, "notice_id" uuid NOT NULL, "author_account_id" uuid NOT NULL, "author_role" character varying(32) NOT NULL, "anonymous" boolean NOT NULL DEFAULT false, "reason" character varying(500) NOT NULL, "answer" character varying(1000), "answered_by" uuid, "answered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_notice_objections_answer" CHECK (("answer" IS NULL) = ("answered_at" IS NULL) AND ("answer" IS NULL) = ("answered_by" IS NULL)), CONSTRAINT "CHK_notice_objections_author_role" CHECK ("author_role" IN ('CITIZEN', 'GRID_WORKER', 'VILLAGE_CADRE', 'TOWNSHIP_REVIEWER', 'COUNTY_OFFICER', 'DEPARTMENT_OPERATOR', 'ADMIN')), CONSTRAINT "PK_fd2b54bbfb28b1baffd04bb2f8a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_notice_objections_author" ON "notice_objections"  ("author_account_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_notice_objections_notice" ON "notice_objections"  ("county_code", "notice_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "tickets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character varying(6) NOT NULL, "kind" character varying(16) NOT NULL, "subject" character varying(100) NOT NULL, "content" character varying(2000) NOT NULL, "anonymous" boolean NOT NULL DEFAULT false, "author_account_id" uuid, "entered_by" uuid, "caller_name_encrypted" text, "contact_phone_encrypted" text, "region_code" character varying(12) NOT NULL, "household_id" uuid, "about_account_id" uuid, "handler_region_code" character varying(12) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'OPEN', "assigned_to" uuid, "ack_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" uuid, "close_reason" character varying(500), "case_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_tickets_county_id" UNIQUE ("county_code", "id"), CONSTRAINT "CHK_tickets_acknowledged" CHECK ("status" = 'OPEN' OR "status" = 'CLOSED' OR "acknowledged_at" IS NOT NULL), CONSTRAINT "CHK_tickets_closed" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL)), CONSTRAINT "CHK_tickets_case_help" CHECK ("case_id" IS NULL OR "kind" = 'HELP'), CONSTRAINT "CHK_tickets_about_complaint" CHECK ("about_account_id" IS NULL OR "kind" = 'COMPLAINT'), CONSTRAINT "CHK_tickets_source" CHECK (("author_account_id" IS NULL) <> ("entered_by" IS NULL)), CONSTRAINT "CHK_tickets_county_of_region" CHECK ("county_code" = left("region_code", 6) AND length("region_code") IN (6, 9, 12)), CONSTRAINT "CHK_tickets_status" CHECK ("status" IN ('OPEN', 'ACKNOWLEDGED', 'CLOSED')), CONSTRAINT "CHK_tickets_kind" CHECK ("kind" IN ('HELP', 'COMPLAINT', 'CONSULT')), CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_tickets_assigned" ON "tickets"  ("assigned_to") `);
        await queryRunner.query(`CREATE INDEX "IDX_tickets_author" ON "tickets"  ("author_account_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_tickets_handler" ON "tickets"  ("handler_region_code", "status", "ack_due_at") `);
        await queryRunner.query(`CREATE TABLE "ticket_replies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character varying(6) NOT NULL, "ticket_id" uuid NOT NULL, "author_account_id" uuid NOT NULL, "author_role" character varying(32) NOT NULL, "body" character varying(2000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ticket_replies_role" CHECK ("author_role" IN ('CITIZEN', 'GRID_WORKER', 'VILLAGE_CADRE', 'TOWNSHIP_REVIEWER', 'COUNTY_OFFICER', 'DEPARTMENT_OPERATOR', 'ADMIN')), CONSTRAINT "PK_6ab133db0068322c649e89fc019" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_ticket_replies_ticket" ON "ticket_replies"  ("county_code", "ticket_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "notices" ADD CONSTRAINT "FK_notices_village" FOREIGN KEY ("village_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notices" ADD CONSTRAINT "FK_notices_household" FOREIGN KEY ("household_id", "county_code") REFERENCES "households"("id","county_code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notices" ADD CONSTRAINT "FK_notices_created_by" FOREIGN KEY ("created_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notice_objections" ADD CONSTRAINT "FK_notice_objections_notice" FOREIGN KEY ("notice_id", "county_code") REFERENCES "notices"("id","county_code") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notice_objections" ADD CONSTRAINT "FK_notice_objections_author" FOREIGN KEY ("author_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notice_objections" ADD CONSTRAINT "FK_notice_objections_answered_by" FOREIGN KEY ("answered_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_tickets_author" FOREIGN KEY ("author_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_tickets_entered_by" FOREIGN KEY ("entered_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_tickets_region" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_tickets_about" FOREIGN KEY ("about_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_tickets_assigned_to" FOREIGN KEY ("assigned_to") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ticket_replies" ADD CONSTRAINT "FK_ticket_replies_ticket" FOREIGN KEY ("ticket_id", "county_code") REFERENCES "tickets"("id","county_code") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ticket_replies" ADD CONSTRAINT "FK_ticket_replies_author" FOREIGN KEY ("author_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "ticket_replies" DROP CONSTRAINT "FK_ticket_replies_author"`);
        await queryRunner.query(`ALTER TABLE "ticket_replies" DROP CONSTRAINT "FK_ticket_replies_ticket"`);
        await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_tickets_assigned_to"`);
        await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_tickets_about"`);
        await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_tickets_region"`);
        await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_tickets_entered_by"`);
        await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_tickets_author"`);
        await queryRunner.query(`ALTER TABLE "notice_objections" DROP CONSTRAINT "FK_notice_objections_answered_by"`);
        await queryRunner.query(`ALTER TABLE "notice_objections" DROP CONSTRAINT "FK_notice_objections_author"`);
        await queryRunner.query(`ALTER TABLE "notice_objections" DROP CONSTRAINT "FK_notice_objections_notice"`);
        await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "FK_notices_created_by"`);
        await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "FK_notices_household"`);
        await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "FK_notices_village"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ticket_replies_ticket"`);
        await queryRunner.query(`DROP TABLE "ticket_replies"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_tickets_handler"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_tickets_author"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_tickets_assigned"`);
        await queryRunner.query(`DROP TABLE "tickets"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notice_objections_notice"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notice_objections_author"`);
        await queryRunner.query(`DROP TABLE "notice_objections"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notices_case"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notices_village_start"`);
        await queryRunner.query(`DROP TABLE "notices"`);
    }

}
