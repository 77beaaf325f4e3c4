import sys

from clstool.cli import main

sys.exit(main())
