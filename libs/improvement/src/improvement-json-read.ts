import { Injectable, OnModuleInit } from '@nestjs/common';
import { JsonReads } from '@joinedup/graphql-kit';

/**
 * The improvement part of JsonReads: nothing is described yet. Every page of it asks for
 * daysOverdue, a measure's latest value or its trend, which improvement.rules.ts computes in
 * TypeScript; the plain columns and relations could be described beside them.
 */
@Injectable()
export class ImprovementJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    const computed = 'daysOverdue, met values and trends are computed in TypeScript (improvement.rules.ts); the columns are not described yet';
    for (const type of ['Measure', 'MeasureValue', 'MeasureTrend', 'ImprovementReview', 'ImprovementAction']) this.reads.leaveExecuted(type, computed);
    this.reads.leaveExecuted('Query', computed, ['improvementReview', 'improvementAction']);
    this.reads.leaveExecuted('Programme', computed, ['measures', 'nextReview', 'completedReviews', 'reviews', 'improvementActions', 'openActions']);
  }
}
