# TOS target
-4
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j TOS --set-tos 0x10;-j TOS --set-tos 0x10/0xff
-j TOS --set-tos 0x10/0x3f;=
-j TOS --set-tos Minimize-Delay;-j TOS --set-tos 0x10/0x3f
-j TOS --and-tos 0x10;-j TOS --set-tos 0x00/0xef
-j TOS --or-tos 0x10;-j TOS --set-tos 0x10/0x10
-j TOS --xor-tos 0x10;-j TOS --set-tos 0x10/0x00
-j TOS;FAIL;TOS: An action is required
-j TOS --set-tos 0x100;FAIL;Symbolic name "0x100" is unknown
*filter
:INPUT
-j TOS --set-tos 0x10;FAIL;@commit
