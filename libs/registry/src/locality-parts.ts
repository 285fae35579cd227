import { Injectable } from '@nestjs/common';
import { SelectionTree, withPrefetched } from '@joinedup/graphql-kit';
import { LocalityRow, toLocality } from './registry.rows';
import { LocalityType } from './registry.types';

/**
 * A field of Locality that can be loaded in the locality's own statement, as one json
 * column (members, programmes, …): the dashboard then costs one statement, not one per
 * field and level. Libraries that add fields to Locality add their parts to LocalityParts.
 */
export interface LocalityPart {
  field: string;
  /** A json expression for the field's answer for the locality row aliased `locality`, as deep as `below` asks. */
  sql(locality: string, below: SelectionTree): string;
  /** The field's answer from that json, with the answers of its own children attached. */
  answer(json: unknown, below: SelectionTree): unknown;
}

/** Extra columns for a locality statement, and how a row with them becomes a LocalityType. */
export interface LocalityPlan {
  /** `, expr as column, …` to add after the locality's own columns (empty when nothing is prefetched). */
  columns: string;
  toLocality(row: LocalityRow): LocalityType;
}

interface PlannedPart {
  part: LocalityPart;
  below: SelectionTree;
  column: string;
}

@Injectable()
export class LocalityParts {
  private readonly parts: LocalityPart[] = [];

  add(part: LocalityPart): void {
    this.parts.push(part);
  }

  /** What to load with the localities of a statement, for the fields `selection` asks for without arguments. */
  plan(selection: SelectionTree, alias: string): LocalityPlan {
    const planned: PlannedPart[] = [];
    for (const part of this.parts) {
      const field = selection.field(part.field);
      if (field?.plain) planned.push({ part, below: field.below, column: `prefetched_${planned.length}` });
    }
    return {
      columns: planned.map((p) => `, ${p.part.sql(alias, p.below)} as ${p.column}`).join(''),
      toLocality: (row) => {
        const answers = new Map<string, unknown>();
        for (const { part, below, column } of planned) {
          answers.set(part.field, part.answer((row as unknown as Record<string, unknown>)[column], below));
        }
        return withPrefetched(toLocality(row), answers);
      },
    };
  }
}
