/** Country codes in contracts: upper-case ISO 3166-1 alpha-2 codes of RCM member states only. */
import * as z from 'zod';
import { type CountryCode, RCM_COUNTRY_CODES } from '../countries';

const MEMBER_LIST = RCM_COUNTRY_CODES.join(', ');

/** An RCM member state's alpha-2 code, upper-case (`HN`, not `hn` or `Honduras`). */
export const countryCodeSchema = /* @__PURE__ */ (() =>
  z
    .enum(RCM_COUNTRY_CODES as [CountryCode, ...CountryCode[]], {
      error: `must be the upper-case alpha-2 code of an RCM member state (${MEMBER_LIST})`,
    })
    .meta({ description: 'ISO 3166-1 alpha-2 code of an RCM member state.', example: 'HN' }))();
