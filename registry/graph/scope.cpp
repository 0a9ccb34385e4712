#include "registry/graph/scope.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "runner/suggest.h"

namespace runner::registry {

namespace {

// The model section's own keys, which are not variables.
const std::vector<std::string> kSectionKeys = {"layers", "define"};

bool is_identifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

}  // namespace

std::optional<ExpressionValue> value_from_written(const nlohmann::json& written) {
  if (written.is_number_integer()) return written.get<int64_t>();
  if (written.is_number()) return written.get<double>();
  if (written.is_boolean()) return std::string(written.get<bool>() ? "true" : "false");
  if (written.is_string()) return written.get<std::string>();
  return std::nullopt;
}

std::shared_ptr<ModelVariables> ModelVariables::read(const config::ConfigNode& model_section) {
  std::shared_ptr<ModelVariables> variables(new ModelVariables(model_section));
  for (const std::string& key : model_section.keys()) {
    if (std::find(kSectionKeys.begin(), kSectionKeys.end(), key) != kSectionKeys.end()) continue;
    const std::optional<std::string> text = model_section.scalar_at(key);
    if (!text) continue;
    if (!is_identifier(key)) {
      model_section.fail(key, "invalid model variable name: an expression cannot refer to it",
                         "use letters, digits and '_', starting with a letter or '_'");
    }

    // get_string marks the key as read. The resolved config keeps the variable as written: a number
    // as a number, and an expression as its text, so that it evaluates the same when read again.
    const nlohmann::json written = model_section.as_written(key);
    model_section.get_string(key, std::nullopt);
    model_section.record(key, written);

    Variable variable;
    variable.name = key;
    variable.text = *text;
    variable.value = *value_from_written(written);
    variable.evaluated = !is_expression(*text);
    variables->variables_.push_back(std::move(variable));
  }

  for (Variable& variable : variables->variables_) variables->evaluate(variable);
  return variables;
}

ModelVariables::Variable* ModelVariables::find_variable(const std::string& name) {
  for (Variable& variable : variables_) {
    if (variable.name == name) return &variable;
  }
  return nullptr;
}

void ModelVariables::evaluate(Variable& variable) {
  if (variable.evaluated) return;
  const auto cycle_start = std::find(evaluating_.begin(), evaluating_.end(), variable.name);
  if (cycle_start != evaluating_.end()) {
    std::vector<std::string> cycle(cycle_start, evaluating_.end());
    cycle.push_back(variable.name);
    std::string chain;
    for (const std::string& name : cycle) chain += (chain.empty() ? "" : " -> ") + name;
    section_.fail(*cycle_start, fmt::format("model variable '{}' refers to itself: {}", *cycle_start, chain),
                  "define each variable from numbers or other variables without a cycle");
  }

  // A variable's expression can refer to every model variable, so evaluating it may evaluate those first.
  evaluating_.push_back(variable.name);
  const std::string name = variable.name;
  // A non-owning pointer: the scope lives only for this call, and `this` outlives it.
  const std::shared_ptr<ModelVariables> self(std::shared_ptr<ModelVariables>(), this);
  const ExpressionValue value = Scope(self).evaluate(section_, name, variable.text);
  evaluating_.pop_back();

  Variable* evaluated = find_variable(name);
  evaluated->value = value;
  evaluated->evaluated = true;
}

std::optional<ExpressionValue> ModelVariables::find(const std::string& name) {
  Variable* variable = find_variable(name);
  if (variable == nullptr) return std::nullopt;
  evaluate(*variable);
  variable->used = true;
  return variable->value;
}

void ModelVariables::check_all_used() const {
  std::vector<std::string> known = kSectionKeys;
  for (const Variable& variable : variables_) known.push_back(variable.name);
  for (const Variable& variable : variables_) {
    if (variable.used) continue;
    std::vector<std::string> others;
    for (const std::string& name : known) {
      if (name != variable.name) others.push_back(name);
    }
    section_.fail(variable.name, "unknown key, or a model variable that no expression refers to",
                  suggest_names(variable.name, others) + "; refer to a variable as $" + variable.name +
                      " or remove it");
  }
}

std::vector<std::string> ModelVariables::describe() const {
  std::vector<std::string> lines;
  for (const Variable& variable : variables_) {
    lines.push_back(variable.name + " = " + (variable.evaluated ? format_value(variable.value) : variable.text));
  }
  return lines;
}

Scope Scope::with_names(std::vector<std::pair<std::string, ExpressionValue>> names) const {
  Scope inner = *this;
  inner.frames_.push_back(std::move(names));
  return inner;
}

std::optional<ExpressionValue> Scope::find(const std::string& name) const {
  for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
    for (const auto& [frame_name, value] : *frame) {
      if (frame_name == name) return value;
    }
  }
  if (variables_) return variables_->find(name);
  return std::nullopt;
}

std::vector<std::string> Scope::names() const {
  std::vector<std::string> result;
  std::set<std::string> seen;
  for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
    for (const auto& entry : *frame) {
      if (seen.insert(entry.first).second) result.push_back(entry.first);
    }
  }
  if (variables_) {
    for (const std::string& line : variables_->describe()) {
      const std::string name = line.substr(0, line.find(' '));
      if (seen.insert(name).second) result.push_back(name);
    }
  }
  return result;
}

std::string Scope::describe() const {
  std::vector<std::string> lines;
  std::set<std::string> seen;
  for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
    for (const auto& [name, value] : *frame) {
      if (seen.insert(name).second) lines.push_back(name + " = " + format_value(value));
    }
  }
  if (variables_) {
    for (const std::string& line : variables_->describe()) {
      if (seen.insert(line.substr(0, line.find(' '))).second) lines.push_back(line);
    }
  }
  if (lines.empty()) return "no names are visible here; model variables are the keys of model besides layers and define";
  return "visible names: " + join_names(lines);
}

ExpressionValue Scope::evaluate(const config::ConfigNode& node, const std::string& key, const std::string& text) const {
  const NameLookup lookup = [this](const std::string& name) { return find(name); };
  try {
    return evaluate_expression(text, lookup);
  } catch (const ExpressionError& error) {
    std::string hint = describe();
    switch (error.kind()) {
      case ExpressionError::Kind::kUndefinedName:
        if (auto close = closest_match(error.name(), names())) hint = "did you mean '" + *close + "'? " + hint;
        node.fail(key, fmt::format("{} in '{}'", error.what(), text), hint);
      case ExpressionError::Kind::kSyntax:
        node.fail(key, fmt::format("invalid expression '{}': {}", text, error.what()),
                  "an expression is $name or ${...} with numbers, names, + - * / // % **, parentheses, "
                  "min(a, b) and max(a, b); " + hint);
      case ExpressionError::Kind::kInvalidOperation:
        break;
    }
    node.fail(key, fmt::format("evaluating '{}' failed: {}", text, error.what()), hint);
  }
}

}  // namespace runner::registry
