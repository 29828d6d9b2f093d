package privacy

import (
	"bytes"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/pdfdoc"
)

// CertificatePDF renders a destruction certificate: what was destroyed
// (rows per table, and the digest of their ids), when (in the reader's
// zone loc, with the exact UTC instant beside it), by whom, on whose
// request and under which rule, and the certificate's own SHA-256. Like
// the certificate it holds no name, address or clinical content: the
// client is a number.
func CertificatePDF(c Certificate, loc *time.Location) ([]byte, error) {
	d := pdfdoc.New("Destruction certificate", c.DestroyedAt, 20)
	text := func(size float64, style, s string) {
		d.Font(style, size)
		d.MultiCell(0, size*0.5, d.T(s), "", "L", false)
	}
	text(16, "B", "Destruction certificate")
	text(10, "", c.PracticeName+" - certificate "+strconv.FormatInt(c.ID, 10))
	d.Ln(4)
	text(10, "", "Client: #"+strconv.FormatInt(c.ClientID, 10)+" (named by number only)")
	text(10, "", "Rule: "+c.RuleText())
	if c.RetentionUntil != nil {
		text(10, "", "Kept until: "+humantime.Day(*c.RetentionUntil, time.UTC)+" (UTC calendar day; "+c.RetentionUntil.UTC().Format(time.RFC3339)+")")
	}
	text(10, "", "Requested by: "+c.RequestText())
	text(10, "", "Destroyed by: "+c.DestroyerText())
	text(10, "", "Destroyed at: "+humantime.Record(c.DestroyedAt, loc)+" ("+c.DestroyedAt.UTC().Format(time.RFC3339)+")")
	d.Ln(4)
	text(11, "B", "Records destroyed")
	text(9, "", "The client's data key was destroyed, so everything sealed under it is unreadable; other fields were removed or anonymised. Rows per table:")
	for _, t := range c.Tables() {
		text(10, "", t+": "+strconv.FormatInt(c.Records[t], 10))
	}
	d.Ln(4)
	text(9, "", "Digest of the destroyed records' ids (SHA-256): "+c.RecordsSHA256)
	text(9, "", "Certificate SHA-256: "+c.SHA256)
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return nil, errs.Wrap(err, "rendering the destruction certificate PDF")
	}
	return buf.Bytes(), nil
}

// RuleText is the retention rule the destruction followed, in words.
func (c Certificate) RuleText() string {
	if r := rules[c.Programme]; r != "" {
		return r + ": records kept " + strconv.Itoa(RetentionYears) + " years after the last session"
	}
	return "no regulated programme: the practice's own " + strconv.Itoa(RetentionYears) + "-year period, or the client's right to erasure"
}

// RequestText says on whose request the records were destroyed.
func (c Certificate) RequestText() string {
	switch {
	case c.DestroyedBy == 0:
		return "the client, who asked to erase their account"
	case c.RequestedBy == "client":
		return "the client, in writing"
	}
	return "the practice, after the retention period"
}

// DestroyerText says who destroyed the records.
func (c Certificate) DestroyerText() string {
	if c.DestroyedBy == 0 {
		return "Afterward, at the end of the client's erasure grace period"
	}
	if c.DestroyedByName != "" {
		return c.DestroyedByName + " (user #" + strconv.FormatInt(c.DestroyedBy, 10) + ")"
	}
	return "user #" + strconv.FormatInt(c.DestroyedBy, 10)
}
