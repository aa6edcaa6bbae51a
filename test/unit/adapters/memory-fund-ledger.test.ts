import { MemoryFundLedger } from '../../../shared/adapters/memory';
import { fundLedgerContract } from '../../contract/fund-ledger.contract';

fundLedgerContract('MemoryFundLedger', () => new MemoryFundLedger());
