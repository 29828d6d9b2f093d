package questionnaire

import (
	"context"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

// OperatorImport records a response from another system (`afterward import
// fhir`) for the client with this email address: the operator at the
// server holds the master key, so there is no actor to decide on; the
// write is audited as channel=cli in its transaction. Answers are scored,
// sealed and answered with the safety response as in Record. An unknown
// address is errs.NotFound; answers that do not fit are errs.Invalid.
func (s *Service) OperatorImport(ctx context.Context, email, instrument string, at time.Time, answers []int) (Result, error) {
	var res Result
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		id, err := account.ClientIDByEmail(ctx, tx, email)
		if err != nil {
			return err
		}
		if res, err = s.Record(ctx, tx, id, instrument, "", at, answers); err != nil {
			return err
		}
		err = audit.Append(ctx, tx, audit.Event{At: s.now(), Action: audit.ActionWrite, ResourceType: "measure_response",
			ResourceID: strconv.FormatInt(res.ResponseID, 10), ClientID: id, Outcome: audit.OutcomeOK, Detail: "channel=cli,source=fhir_import"})
		return err
	})
	return res, err
}
