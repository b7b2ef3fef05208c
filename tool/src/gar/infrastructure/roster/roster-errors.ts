import { AppError } from '../../../shared/domain/errors.ts';

/** A roster file refused as a whole (line errors are reported, not thrown). */
export type RosterErrorCode = 'ROSTER_UAI_MISMATCH' | 'ROSTER_MALFORMED' | 'ROSTER_DTD_FORBIDDEN' | 'ROSTER_FORMAT_UNKNOWN' | 'ROSTER_ZIP_UNSUPPORTED' | 'ROSTER_SCHOOL_UNKNOWN' | 'ROSTER_TOO_LARGE' | 'ROSTER_EMPTY';

export class RosterError extends AppError {
  constructor(code: RosterErrorCode, message: string, details?: unknown) {
    super(code, code === 'ROSTER_TOO_LARGE' ? 413 : code === 'ROSTER_SCHOOL_UNKNOWN' ? 404 : 400, message, details);
    this.name = 'RosterError';
  }
}
