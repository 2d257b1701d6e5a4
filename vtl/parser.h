// Parser: Velocity 1.7's grammar (Parser.jjt) as recursive descent over the
// lazily lexed token stream, with the same lookaheads, so that the parser
// changes the lexer's state at the same moments JavaCC's parser does.
#pragma once

#include <memory>
#include <string_view>

#include "base/status_or.h"
#include "vtl/ast.h"

namespace apigw::vtl {

// Parses a whole template. Errors (lexical or syntactic, or an invalid
// directive Velocity rejects while initialising the tree) are a
// BadRequestException naming the line and column.
StatusOr<std::unique_ptr<Program>> ParseProgram(std::string_view source);

}  // namespace apigw::vtl
