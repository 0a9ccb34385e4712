#include "runner/sweep/tree_edit.h"

#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "runner/suggest.h"

namespace runner::sweep {

namespace {

// The walk down one edit's path; `node` is the parent of the segment being read.
struct Walk {
  YAML::Node root;
  EditKind kind;
  const ConfigPath& path;
  const ValueOrigin& origin;
  const std::string& config_name;
  EditedPath edited;
};

std::optional<size_t> index_of(const PathSegment& segment) {
  // More than 9 digits cannot index a config list and could overflow.
  if (segment.key.empty() || segment.key.size() > 9) return std::nullopt;
  for (char c : segment.key) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::stoul(segment.key);
}

std::string describe_children(const YAML::Node& node, const std::string& node_path) {
  const std::string where = node_path.empty() ? "the top level" : node_path;
  if (node.IsMap()) {
    std::vector<std::string> keys;
    for (const auto& pair : node) keys.push_back(pair.first.Scalar());
    return fmt::format("keys under {}: {}", where, join_names(keys));
  }
  if (node.IsSequence()) return fmt::format("{} is a list of {} elements", where, node.size());
  return "";
}

[[noreturn]] void fail_not_found(const Walk& walk, const YAML::Node& parent, const std::string& detail) {
  const std::string requested = walk.path.canonical_text();
  std::string hint;
  if (auto close = closest_path(requested, list_paths(walk.root))) {
    hint = fmt::format("did you mean '{}'? ", *close);
  } else {
    const std::string children = describe_children(parent, walk.edited.text);
    if (!children.empty()) hint = children + ". ";
  }
  if (walk.kind == EditKind::kSet) hint += fmt::format("To add a new key, write +{}", walk.path.text);
  fail_at(walk.origin, fmt::format("path '{}' not found in {}{}", requested, walk.config_name, detail), hint);
}

void append_key(EditedPath& edited, const std::string& key) {
  edited.text += edited.text.empty() ? key : "." + key;
  edited.pointer.push_back(key);
}

void append_index(EditedPath& edited, size_t index) {
  edited.text += fmt::format("[{}]", index);
  edited.pointer.push_back(std::to_string(index));
}

void edit_map_entry(Walk& walk, YAML::Node map, const std::string& key, const YAML::Node& value) {
  const YAML::Node& read_only = map;
  const bool exists = static_cast<bool>(read_only[key]);
  const std::string parent_text = walk.edited.text;
  append_key(walk.edited, key);

  if (walk.kind == EditKind::kAdd) {
    if (exists) {
      fail_at(walk.origin, fmt::format("path '{}' already exists in {}", walk.edited.text, walk.config_name),
              fmt::format("to change its value, write {} without the +", walk.path.text));
    }
    map[key] = YAML::Clone(value);
    return;
  }
  if (!exists) {
    walk.edited.text = parent_text;
    fail_not_found(walk, map, "");
  }
  if (walk.kind == EditKind::kSet) {
    map[key] = YAML::Clone(value);
  } else {
    map.remove(key);
  }
}

void edit_list_element(Walk& walk, YAML::Node list, size_t index, const YAML::Node& value) {
  const size_t size = list.size();
  const std::string list_text = walk.edited.text;
  append_index(walk.edited, index);

  if (walk.kind == EditKind::kAdd) {
    if (index < size) {
      fail_at(walk.origin, fmt::format("path '{}' already exists in {}", walk.edited.text, walk.config_name),
              fmt::format("to replace the element, write {} without the +", walk.path.text));
    }
    if (index > size) {
      fail_at(walk.origin, fmt::format("cannot add element [{}] to {}, a list of {} elements", index, list_text, size),
              fmt::format("a list grows only at its end: add [{}]", size));
    }
    list.push_back(YAML::Clone(value));
    return;
  }
  if (index >= size) {
    walk.edited.text = list_text;
    fail_not_found(walk, list, fmt::format(" ({} has {} elements)", list_text, size));
  }
  if (walk.kind == EditKind::kSet) {
    list[index] = YAML::Clone(value);
    return;
  }

  // yaml-cpp has no erase for lists, so build the list again without the element and assign it
  // through the handle, which replaces the list inside its parent.
  YAML::Node rebuilt(YAML::NodeType::Sequence);
  rebuilt.SetStyle(list.Style());
  for (size_t i = 0; i < size; ++i) {
    if (i != index) rebuilt.push_back(list[i]);
  }
  list = rebuilt;
}

// The child of `node` at `segment`, created as an empty mapping for an add; fails when it is missing.
YAML::Node descend(Walk& walk, YAML::Node node, const PathSegment& segment) {
  const YAML::Node& read_only = node;
  if (node.IsMap()) {
    if (segment.bracketed) {
      fail_at(walk.origin, fmt::format("{} is a mapping, so [{}] cannot index it", walk.edited.text, segment.key),
              fmt::format("write .{} for a key", segment.key));
    }
    const std::string parent_text = walk.edited.text;
    append_key(walk.edited, segment.key);
    if (!read_only[segment.key]) {
      if (walk.kind != EditKind::kAdd) {
        walk.edited.text = parent_text;
        fail_not_found(walk, node, "");
      }
      node[segment.key] = YAML::Node(YAML::NodeType::Map);
    }
    return node[segment.key];
  }

  const std::optional<size_t> index = index_of(segment);
  if (!index) {
    fail_at(walk.origin, fmt::format("{} is a list, so it has no key '{}'", walk.edited.text, segment.key),
            "index a list with [0], [1], ...");
  }
  const size_t size = node.size();
  const std::string list_text = walk.edited.text;
  append_index(walk.edited, *index);
  if (*index >= size) {
    walk.edited.text = list_text;
    fail_not_found(walk, node, fmt::format(" ({} has {} elements)", list_text, size));
  }
  return node[*index];
}

}  // namespace

EditedPath apply_edit(YAML::Node root, EditKind kind, const ConfigPath& path, const YAML::Node& value,
                      const ValueOrigin& origin, const std::string& config_name) {
  Walk walk{root, kind, path, origin, config_name, {}};

  // A YAML::Node is a handle: `node = other` would overwrite the node's content, so the walk moves
  // the handle with reset().
  YAML::Node node;
  node.reset(root);
  for (size_t i = 0; i < path.segments.size(); ++i) {
    const PathSegment& segment = path.segments[i];
    const bool last = i + 1 == path.segments.size();

    // An add may go through a key whose value is null (`augmentation:` with nothing under it).
    if (node.IsNull() && kind == EditKind::kAdd) node = YAML::Node(YAML::NodeType::Map);
    if (node.IsNull()) fail_not_found(walk, node, fmt::format(" ({} is null)", walk.edited.text));
    if (node.IsScalar()) {
      fail_at(origin, fmt::format("{} is the single value '{}', so it has no key '{}'", walk.edited.text,
                                  node.Scalar(), segment.key),
              fmt::format("to replace the value, write {}=VALUE", walk.edited.text));
    }

    if (!last) {
      node.reset(descend(walk, node, segment));
    } else if (node.IsMap()) {
      if (segment.bracketed) descend(walk, node, segment);  // fails with the mapping-index message
      edit_map_entry(walk, node, segment.key, value);
    } else {
      const std::optional<size_t> index = index_of(segment);
      if (!index) descend(walk, node, segment);  // fails with the list-key message
      edit_list_element(walk, node, *index, value);
    }
  }
  return walk.edited;
}

}  // namespace runner::sweep
