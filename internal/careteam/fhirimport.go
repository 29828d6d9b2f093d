package careteam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/measure"
)

// ImportableInstruments are the instruments a QuestionnaireResponse from
// another system may be imported as.
var ImportableInstruments = []string{"phq9", "gad7", "pcl5", "who5"}

// ImportedResponse is a QuestionnaireResponse reduced to what we store.
type ImportedResponse struct {
	Instrument string
	At         time.Time // zero when the response has no authored time
	Answers    []int
}

// loincAnswers maps the LOINC answer codes of the PHQ/GAD frequency scale
// to their item values, for systems that answer with codings.
var loincAnswers = map[string]int{"LA6568-5": 0, "LA6569-3": 1, "LA6570-1": 2, "LA6571-9": 3}

type qrItem struct {
	LinkID string   `json:"linkId"`
	Answer []qrAns  `json:"answer"`
	Item   []qrItem `json:"item"`
}

type qrAns struct {
	ValueInteger *int64   `json:"valueInteger"`
	ValueDecimal *float64 `json:"valueDecimal"`
	ValueCoding  *struct {
		Code string `json:"code"`
	} `json:"valueCoding"`
	Item []qrItem `json:"item"`
}

// ParseQuestionnaireResponse reads a FHIR R4 QuestionnaireResponse: its
// questionnaire canonical (ours, ending /Questionnaire/ID, or one naming the
// instrument's LOINC panel code) identifies the instrument; the answered
// items, in order and excluding a total-score item, are the answers. It
// checks shape only; scoring checks each answer's range.
func ParseQuestionnaireResponse(data []byte, lookup func(string) (*measure.Definition, bool)) (ImportedResponse, error) {
	var qr struct {
		ResourceType  string   `json:"resourceType"`
		Questionnaire string   `json:"questionnaire"`
		Status        string   `json:"status"`
		Authored      string   `json:"authored"`
		Item          []qrItem `json:"item"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&qr); err != nil {
		return ImportedResponse{}, fmt.Errorf("not JSON: %v", err)
	}
	if qr.ResourceType != "QuestionnaireResponse" {
		return ImportedResponse{}, fmt.Errorf("resourceType is %q, want QuestionnaireResponse", qr.ResourceType)
	}
	if qr.Status != "completed" && qr.Status != "amended" {
		return ImportedResponse{}, fmt.Errorf("status is %q, want completed or amended", qr.Status)
	}
	def, err := instrumentOf(qr.Questionnaire, lookup)
	if err != nil {
		return ImportedResponse{}, err
	}
	out := ImportedResponse{Instrument: def.ID}
	if qr.Authored != "" {
		if out.At, err = parseFHIRDateTime(qr.Authored); err != nil {
			return ImportedResponse{}, err
		}
	}
	var values []int
	if err := collectAnswers(qr.Item, def, &values); err != nil {
		return ImportedResponse{}, err
	}
	if len(values) != def.ItemCount {
		return ImportedResponse{}, fmt.Errorf("%s needs %d answered items, the response has %d", def.ID, def.ItemCount, len(values))
	}
	out.Answers = values
	return out, nil
}

func instrumentOf(canonical string, lookup func(string) (*measure.Definition, bool)) (*measure.Definition, error) {
	url := strings.TrimSpace(canonical)
	if i := strings.IndexByte(url, '|'); i >= 0 {
		url = url[:i] // drop a canonical's version
	}
	if url == "" {
		return nil, fmt.Errorf("the response names no questionnaire")
	}
	for _, id := range ImportableInstruments {
		def, ok := lookup(id)
		if !ok {
			continue
		}
		tail := url[strings.LastIndexByte(url, '/')+1:]
		if strings.EqualFold(tail, id) || url == QuestionnaireURL(id) || (def.LOINC.Panel != "" && tail == def.LOINC.Panel) {
			return def, nil
		}
	}
	return nil, fmt.Errorf("questionnaire %q is not one of %s (by our canonical URL or its LOINC panel code)", url, strings.Join(ImportableInstruments, ", "))
}

func collectAnswers(items []qrItem, def *measure.Definition, out *[]int) error {
	for _, it := range items {
		if def.LOINC.Total != "" && strings.Contains(it.LinkID, def.LOINC.Total) {
			continue // a total the other system computed; we score ourselves
		}
		if len(it.Answer) > 1 {
			return fmt.Errorf("item %q has %d answers, want one", it.LinkID, len(it.Answer))
		}
		if len(it.Answer) == 1 {
			v, err := answerValue(it.Answer[0])
			if err != nil {
				return fmt.Errorf("item %q: %v", it.LinkID, err)
			}
			*out = append(*out, v)
			if err := collectAnswers(it.Answer[0].Item, def, out); err != nil {
				return err
			}
		}
		if err := collectAnswers(it.Item, def, out); err != nil {
			return err
		}
	}
	return nil
}

func answerValue(a qrAns) (int, error) {
	switch {
	case a.ValueInteger != nil:
		if *a.ValueInteger < math.MinInt32 || *a.ValueInteger > math.MaxInt32 {
			return 0, fmt.Errorf("answer out of range")
		}
		return int(*a.ValueInteger), nil
	case a.ValueDecimal != nil:
		if *a.ValueDecimal != math.Trunc(*a.ValueDecimal) || math.Abs(*a.ValueDecimal) > math.MaxInt32 {
			return 0, fmt.Errorf("answer %v is not a whole number", *a.ValueDecimal)
		}
		return int(*a.ValueDecimal), nil
	case a.ValueCoding != nil:
		if v, ok := loincAnswers[a.ValueCoding.Code]; ok {
			return v, nil
		}
		if v, err := strconv.Atoi(a.ValueCoding.Code); err == nil {
			return v, nil
		}
		return 0, fmt.Errorf("answer code %q is not a known scale value", a.ValueCoding.Code)
	}
	return 0, fmt.Errorf("answer must be valueInteger, a whole valueDecimal or a valueCoding")
}

func parseFHIRDateTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("authored %q is not a FHIR dateTime with a time zone or a date", s)
}
