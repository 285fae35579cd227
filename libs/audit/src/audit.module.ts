import { Global, Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver';
import { AuditWriter } from './audit-writer';

@Global()
@Module({ providers: [AuditWriter, AuditResolver], exports: [AuditWriter] })
export class AuditModule {}
