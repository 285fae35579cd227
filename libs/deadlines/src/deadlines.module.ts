import { Module } from '@nestjs/common';
import { DeadlinesService } from './deadlines.service';

/** The deadline catalogue; needs the database module of the app that imports it. */
@Module({ providers: [DeadlinesService], exports: [DeadlinesService] })
export class DeadlinesModule {}
