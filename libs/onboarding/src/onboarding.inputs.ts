import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsString, Matches, MaxLength } from 'class-validator';
import { IsId, IsName, MAX_TEXT_LENGTH } from '@joinedup/graphql-kit';
import { MAX_FILE_BYTES } from './onboarding-sheet';

/** The longest base64 text of a file one byte over the limit (so such a file is told it is too big), in pieces. */
const MAX_CONTENT_LENGTH = Math.ceil((MAX_FILE_BYTES + 1) / 3) * 4;
const MAX_PIECES = Math.ceil(MAX_CONTENT_LENGTH / MAX_TEXT_LENGTH);

@InputType()
export class OnboardingFileInput {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field({ description: 'The file’s name, ending .csv or .xlsx: it says how the file is read.' })
  @IsName(200)
  @Matches(/\.(csv|xlsx)$/i, { message: 'fileName must end .csv or .xlsx' })
  fileName!: string;

  @Field(() => [String], {
    description: `The file’s bytes in base64, in pieces of at most ${MAX_TEXT_LENGTH} characters (the bound of every text argument), joined in order; at most 5 MB of file.`,
  })
  @ArrayMinSize(1, { message: 'content must hold the file' })
  @ArrayMaxSize(MAX_PIECES, { message: 'content must be a file of at most 5 MB' })
  @IsString({ each: true })
  @MaxLength(MAX_TEXT_LENGTH, { each: true, message: `each piece of content must be at most ${MAX_TEXT_LENGTH} characters` })
  @Matches(/^[A-Za-z0-9+/=]*$/, { each: true, message: 'content must be the file in base64' })
  content!: string[];
}

@InputType()
export class ApplyOnboardingInput extends OnboardingFileInput {
  @Field({ description: 'The planDigest of the preview the coordinator confirmed.' })
  @IsString()
  @MaxLength(100)
  planDigest!: string;
}
