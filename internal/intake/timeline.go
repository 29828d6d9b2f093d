package intake

import "github.com/afterward/afterward/internal/progress"

// Timeline is the intake's progress.TimelineSource: one event when the
// client submitted their intake, never the answers or the outcome.
var Timeline = progress.Rows(progress.Intake, `SELECT submitted_at, '', 0 FROM intakes WHERE client_id = ? AND submitted_at IS NOT NULL`,
	func(string, int64) (string, string) {
		return "Intake completed", "Screening answers reviewed with your coach"
	}, "")
