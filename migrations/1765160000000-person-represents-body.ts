import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Onboarding from a spreadsheet (issue 21): a person can be marked as representing their
 * member body. The mark records the coordinator's intent; the MEMBER_REPRESENTATIVE user
 * who signs in for the body is made by a tenant administrator (users are theirs to manage).
 */
export class PersonRepresentsBody1765160000000 implements MigrationInterface {
  name = 'PersonRepresentsBody1765160000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table person add column represents_body boolean not null default false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table person drop column represents_body`);
  }
}
