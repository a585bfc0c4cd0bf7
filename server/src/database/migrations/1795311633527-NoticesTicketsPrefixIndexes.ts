import { MigrationInterface, QueryRunner } from "typeorm";

export class NoticesTicketsPrefixIndexes1795311633527 implements MigrationInterface {
    name = 'NoticesTicketsPrefixIndexes1795311633527'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_notices_village_start"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_tickets_handler"`);
        await queryRunner.query(`CREATE INDEX "IDX_tickets_entered_by" ON "tickets"  ("entered_by") `);
        // by hand: prefix scopes (LIKE '530129103%') need varchar_pattern_ops unless the collation is C
        await queryRunner.query(`CREATE INDEX "IDX_notices_village_pattern" ON "notices" ("village_code" varchar_pattern_ops, "start_date")`);
        await queryRunner.query(`CREATE INDEX "IDX_tickets_handler_pattern" ON "tickets" ("handler_region_code" varchar_pattern_ops, "status", "ack_due_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_tickets_handler_pattern"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_notices_village_pattern"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_tickets_entered_by"`);
        await queryRunner.query(`CREATE INDEX "IDX_tickets_handler" ON "tickets" USING btree ("handler_region_code", "status", "ack_due_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_notices_village_start" ON "notices" USING btree ("village_code", "start_date") `);
    }

}
