package questionnaire

import (
	"fmt"
	"strings"

	"github.com/afterward/afterward/internal/progress"
)

// Timeline is the questionnaires' progress.TimelineSource: one event per
// response with its instrument and total score (never the answers).
var Timeline = progress.Rows(progress.Questionnaire, `SELECT answered_at, instrument, COALESCE(total, -1) FROM measure_responses WHERE client_id = ? ORDER BY answered_at`,
	func(instrument string, total int64) (string, string) {
		if total < 0 {
			return "Questionnaire: " + strings.ToUpper(instrument), "answered"
		}
		return "Questionnaire: " + strings.ToUpper(instrument), fmt.Sprintf("score %d", total)
	}, "/measures")
