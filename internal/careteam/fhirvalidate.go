package careteam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// ValidateQuestionnaireResponseR4 checks that data is one FHIR R4
// QuestionnaireResponse in JSON, to the depth an import needs: every element
// name is one the R4 specification defines for it (a misspelt or foreign
// element is refused rather than ignored), required elements are present,
// codes come from their value sets, ids and dateTimes have their R4 syntax,
// and each answer has at most one value[x].
//
// It replaces linking Google's complete FHIR implementation into the product
// binary (29 MB of 72 MB) for one resource type; the tests still validate
// every export with that implementation, as an independent check. Another
// resource type gives ErrNotQuestionnaireResponse, wrapped.
func ValidateQuestionnaireResponseR4(data []byte) error {
	var root map[string]json.RawMessage
	if err := strictJSON(data, &root); err != nil {
		return fmt.Errorf("%w: %v", errNotR4, err)
	}
	var rt string
	if err := json.Unmarshal(root["resourceType"], &rt); err != nil || rt == "" {
		return fmt.Errorf("%w: resourceType is missing", errNotR4)
	}
	if rt != "QuestionnaireResponse" {
		return fmt.Errorf("%w: resourceType is %q", ErrNotQuestionnaireResponse, rt)
	}
	if err := checkElement("QuestionnaireResponse", root, qrSchema()); err != nil {
		return fmt.Errorf("%w: %v", errNotR4, err)
	}
	return nil
}

var (
	errNotR4 = fmt.Errorf("not valid FHIR R4")
	// ErrNotQuestionnaireResponse says the input is FHIR of another type.
	ErrNotQuestionnaireResponse = fmt.Errorf("not a QuestionnaireResponse")
)

// element describes the JSON properties R4 allows on one element type.
type element struct {
	primitives []string            // may also appear as _name (extensions)
	complex    map[string]*element // nested elements checked in turn; nil = any JSON object
	arrays     []string            // properties that must be JSON arrays
	required   []string
	check      func(path string, obj map[string]json.RawMessage) error
}

var (
	idPattern       = regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`)
	dateTimePattern = regexp.MustCompile(`^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$`)
	qrStatuses      = []string{"in-progress", "completed", "amended", "entered-in-error", "stopped"}
	answerValues    = []string{"valueBoolean", "valueDecimal", "valueInteger", "valueDate", "valueDateTime", "valueTime",
		"valueString", "valueUri", "valueAttachment", "valueCoding", "valueQuantity", "valueReference"}
)

// qrSchema returns the element sets of the R4 QuestionnaireResponse
// definition (hl7.org/fhir/R4/questionnaireresponse.html). Data types such
// as Reference, Coding, Meta and Narrative are accepted as objects: their
// contents are not used by the import. Items nest inside items and answers,
// so the sets are wired together here.
func qrSchema() *element {
	answer := &element{
		primitives: []string{"id", "valueBoolean", "valueDecimal", "valueInteger", "valueDate", "valueDateTime",
			"valueTime", "valueString", "valueUri"},
		complex: map[string]*element{"valueAttachment": nil, "valueCoding": nil, "valueQuantity": nil,
			"valueReference": nil, "extension": nil, "modifierExtension": nil},
		arrays: []string{"extension", "modifierExtension", "item"},
		check:  atMostOneValue,
	}
	item := &element{
		primitives: []string{"id", "linkId", "definition", "text"},
		complex:    map[string]*element{"extension": nil, "modifierExtension": nil, "answer": answer},
		arrays:     []string{"extension", "modifierExtension", "answer", "item"},
		required:   []string{"linkId"},
	}
	item.complex["item"] = item
	answer.complex["item"] = item
	return &element{
		primitives: []string{"resourceType", "id", "implicitRules", "language", "questionnaire", "status", "authored"},
		complex: map[string]*element{"meta": nil, "text": nil, "contained": nil, "extension": nil, "modifierExtension": nil,
			"identifier": nil, "basedOn": nil, "partOf": nil, "subject": nil, "encounter": nil, "author": nil, "source": nil,
			"item": item},
		arrays:   []string{"contained", "extension", "modifierExtension", "basedOn", "partOf", "item"},
		required: []string{"status"},
		check:    checkQRPrimitives,
	}
}

func checkElement(path string, obj map[string]json.RawMessage, el *element) error {
	for name, raw := range obj {
		base := strings.TrimPrefix(name, "_")
		switch {
		case slices.Contains(el.primitives, base):
			if name != base { // _name carries the primitive's id and extensions
				continue
			}
			if len(raw) > 0 && (raw[0] == '{' || raw[0] == '[') {
				return fmt.Errorf("%s.%s must be a single value", path, name)
			}
		case name == base && el.complex != nil && hasKey(el.complex, name):
			if err := checkChildren(path+"."+name, raw, el.complex[name], slices.Contains(el.arrays, name)); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s has no element %q in R4", path, name)
		}
	}
	for _, name := range el.required {
		if _, ok := obj[name]; !ok {
			return fmt.Errorf("%s.%s is required", path, name)
		}
	}
	if el.check != nil {
		return el.check(path, obj)
	}
	return nil
}

func hasKey(m map[string]*element, k string) bool { _, ok := m[k]; return ok }

// checkChildren checks one property holding an object or, for repeating
// elements, an array of objects.
func checkChildren(path string, raw json.RawMessage, el *element, repeats bool) error {
	var objs []map[string]json.RawMessage
	if repeats {
		if err := json.Unmarshal(raw, &objs); err != nil {
			return fmt.Errorf("%s must be an array of objects", path)
		}
	} else {
		var one map[string]json.RawMessage
		if err := json.Unmarshal(raw, &one); err != nil {
			return fmt.Errorf("%s must be an object", path)
		}
		objs = append(objs, one)
	}
	if el == nil {
		return nil
	}
	for i, o := range objs {
		if err := checkElement(fmt.Sprintf("%s[%d]", path, i), o, el); err != nil {
			return err
		}
	}
	return nil
}

func checkQRPrimitives(path string, obj map[string]json.RawMessage) error {
	var status, authored, id string
	if err := json.Unmarshal(obj["status"], &status); err != nil || !slices.Contains(qrStatuses, status) {
		return fmt.Errorf("%s.status must be one of %s", path, strings.Join(qrStatuses, ", "))
	}
	if raw, ok := obj["authored"]; ok {
		if err := json.Unmarshal(raw, &authored); err != nil || !dateTimePattern.MatchString(authored) {
			return fmt.Errorf("%s.authored is not an R4 dateTime", path)
		}
	}
	if raw, ok := obj["id"]; ok {
		if err := json.Unmarshal(raw, &id); err != nil || !idPattern.MatchString(id) {
			return fmt.Errorf("%s.id is not an R4 id", path)
		}
	}
	return nil
}

// atMostOneValue: R4 gives answer.value[x] cardinality 0..1.
func atMostOneValue(path string, obj map[string]json.RawMessage) error {
	n := 0
	for _, v := range answerValues {
		if _, ok := obj[v]; ok {
			n++
		}
	}
	if n > 1 {
		return fmt.Errorf("%s must have at most one value[x], has %d", path, n)
	}
	return nil
}

// strictJSON decodes one JSON object, refusing trailing data.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value")
	}
	return nil
}
