# ah match
-4
*filter
:INPUT
-p ah -m ah --ahspi 1;=
-p ah -m ah ! --ahspi 1:42;=
-p ah -m ah --ahspi 0:4294967295;-p ah -m ah
-p ah -m ah;=
-m ah --ahspi 1;FAIL;@commit
-p ah -m ah --ahspi :5;-p ah -m ah --ahspi 0:5
-6
*filter
:INPUT
-m ah --ahspi 1;=
-m ah --ahspi 1 --ahlen 32;=
-m ah ! --ahlen 32 --ahres;=
-m ah --ahres;=
-m ah;=
