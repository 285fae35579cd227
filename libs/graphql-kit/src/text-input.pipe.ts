import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { badInput } from '@joinedup/errors';
import { InputReason } from './graphql-kit.errors';
import { textProblem, textProblemMessage } from './text-rules';

/**
 * Global pipe: every string in a resolver's arguments (named `@Args('x')` primitives, ID
 * scalars, nested inputs and lists alike) is free of NUL and lone surrogates and at most
 * MAX_TEXT_LENGTH long, before any resolver or SQL sees it. class-validator only checks
 * the fields it has decorators for; this checks everything, once.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Only GraphQL arguments come from the client; parent, context, info and the principal
    // do not. Nest names arguments 'body' (GqlParamtype.ARGS shares RouteParamtypes.BODY's
    // number) and the others 'custom'.
    if (metadata.type !== 'body') return value;
    checkText(value, typeof metadata.data === 'string' ? metadata.data : '');
    return value;
  }
}

function checkText(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) {
      const field = path || 'input';
      throw badInput(textProblemMessage(field, problem), field, InputReason.TEXT_NOT_ALLOWED);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkText(item, path ? `${path}.${i}` : String(i)));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) checkText(item, path ? `${path}.${key}` : key);
  }
}

export const textInputPipe = (): TextInputPipe => new TextInputPipe();
